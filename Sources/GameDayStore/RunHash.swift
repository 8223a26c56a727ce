internal import Crypto
import Foundation

/// The content hash that identifies a recorded run wherever it is stored: SHA-256 of its drill, team, start, run
/// date and whole report. `history push` keys runs by it, so pushing the same history twice adds nothing.
enum RunHash {
    /// The hash, as 64 lowercase hex digits.
    static func of(drill: String, team: String, started: String?, runDate: String, reportJSON: String) -> String {
        var bytes = Data()
        for field in [drill, team, started ?? "\u{1}", runDate, reportJSON] {
            bytes.append(contentsOf: Array(field.utf8))
            bytes.append(0)
        }
        return SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
