import Foundation

/// Runs a program of the machine (xmllint, chromium, python3) for a test, and finds it on PATH.
enum ExternalTool {
    struct Output { var status: Int32; var stdout: String; var stderr: String }

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// The full path of `name` on PATH; a missing tool is an error that says how to install it, never a skip.
    static func find(_ name: String, package: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Missing(description: "\(name) is not installed: run scripts/setup (apt-get install \(package)); this test never skips")
    }

    /// Runs `executable` with `arguments` and waits for it; its output goes through files, so no pipe can fill up.
    /// `environment` is added to this process's own (a browser gets its own HOME and XDG folders this way).
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Output {
        let scratch = try scratchFolder("tool-output")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// A new empty folder under the temporary directory.
    static func scratchFolder(_ name: String) throws -> URL {
        let dir = URL(fileURLWithPath: Scratch.root).appendingPathComponent("gameday-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
