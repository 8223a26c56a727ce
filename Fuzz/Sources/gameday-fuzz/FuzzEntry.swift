import GameDayFuzzing
#if canImport(Glibc)
import Glibc
#endif

/// Writes `text` to standard error.
func printError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = write(2, &bytes, bytes.count)
}

/// The target this process fuzzes, named by `GAMEDAY_FUZZ_TARGET` (`scripts/fuzz` sets it).
let selected: FuzzTarget = {
    let name = getenv("GAMEDAY_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzTarget.named(name) else {
        printError("gameday-fuzz: set GAMEDAY_FUZZ_TARGET to one of: \(FuzzTarget.all.map(\.name).joined(separator: ", "))\n")
        exit(2)
    }
    return target
}()

/// libFuzzer's start: `GAMEDAY_FUZZ_LIST=1` prints the targets, one a line, and exits.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    if getenv("GAMEDAY_FUZZ_LIST") != nil {
        for target in FuzzTarget.all { print("\(target.name)\t\(target.summary)") }
        exit(0)
    }
    _ = selected
    return 0
}

/// One input: a broken invariant aborts, which libFuzzer records as a crash with the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let problem = selected.check(bytes) {
        printError("gameday-fuzz \(selected.name): invariant broken: \(problem)\n")
        abort()
    }
    return 0
}
