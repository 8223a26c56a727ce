import Testing
@testable import GameDayConsole

/// Keys in, an edited line and events out.
@Suite struct LineEditorTests {
    private func type(_ editor: inout LineEditor, _ text: String) -> [LineEditor.Event] {
        editor.feed(Array(text.utf8))
    }

    @Test func typingEditingAndSubmitting() {
        var e = LineEditor()
        _ = type(&e, "revoke-kye")
        _ = e.feed([0x7F, 0x7F])                      // backspace twice
        _ = type(&e, "ey nw")
        _ = e.feed([0x1B, 0x5B, 0x44, 0x1B, 0x5B, 0x44]) // left, left
        _ = type(&e, "X")
        #expect(e.text == "revoke-key Xnw")
        _ = e.feed([0x01])                            // Ctrl-A
        #expect(e.cursor == 0)
        _ = e.feed([0x1B, 0x5B, 0x33, 0x7E])          // Delete
        #expect(e.text == "evoke-key Xnw")
        _ = e.feed([0x05, 0x17])                      // Ctrl-E, Ctrl-W
        #expect(e.text == "evoke-key ")
        #expect(e.feed([0x0D]) == [.submit("evoke-key ")])
        #expect(e.text.isEmpty && e.cursor == 0)
    }

    @Test func crlfSubmitsOnceAndControlBytesAreDropped() {
        var e = LineEditor()
        let events = e.feed(Array("ack a\r\n".utf8))
        #expect(events.filter { if case .submit = $0 { true } else { false } } == [.submit("ack a")])
        _ = e.feed([0x61, 0x00, 0x07, 0x1B, 0x5B, 0x32, 0x30, 0x30, 0x7E, 0x62, 0xC2, 0x9B, 0x63])
        #expect(e.text == "abc")
    }

    @Test func utf8IsDecoded() {
        var e = LineEditor()
        _ = type(&e, "note 東京 ü 🚨")
        #expect(e.text == "note 東京 ü 🚨")
        _ = e.feed([0x7F])
        #expect(e.text == "note 東京 ü ")
    }

    @Test func controlKeys() {
        var e = LineEditor()
        #expect(e.feed(0x09) == .complete)
        #expect(e.feed(0x03) == .interrupt)
        #expect(e.feed(0x04) == .endOfInput)
        #expect(e.feed(0x0C) == .clearScreen)
        _ = type(&e, "abc def")
        _ = e.feed([0x02, 0x02, 0x02, 0x0B])          // back three, kill to end
        #expect(e.text == "abc ")
        _ = e.feed([0x15])                            // kill to start
        #expect(e.text.isEmpty)
        _ = type(&e, "x")
        #expect(e.feed(0x04) == nil)                  // Ctrl-D on a line deletes forward: nothing under the cursor
    }

    @Test func historyWalksBackAndForth() {
        var e = LineEditor()
        _ = type(&e, "status\r")
        _ = type(&e, "wait 5m\r")
        _ = type(&e, "dra")
        _ = e.feed([0x1B, 0x5B, 0x41])                // up
        #expect(e.text == "wait 5m")
        _ = e.feed([0x10])                            // Ctrl-P
        #expect(e.text == "status")
        _ = e.feed([0x1B, 0x4F, 0x42, 0x1B, 0x4F, 0x42]) // down, down (SS3 form)
        #expect(e.text == "dra")
        #expect(e.history == ["status", "wait 5m"])
    }

    @Test func applyingACompletion() {
        var e = LineEditor()
        _ = type(&e, "revoke-k")
        let applied = e.apply(Completion(wordStart: 0, word: "revoke-k", candidates: ["revoke-key"], replacement: "revoke-key "))
        #expect(applied)
        #expect(e.text == "revoke-key " && e.cursor == 11)
        let listed = e.apply(Completion(wordStart: 11, word: "", candidates: ["a", "b"], replacement: nil))
        #expect(!listed)
    }
}
