import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A program running in a pane of a private tmux server: keys in, the screen out.
///
/// Each instance has its own server socket, in the tests' scratch folder (not tmux's `/tmp/tmux-UID/`), removed with
/// the server, so tests never touch a user's tmux and leave no stale socket. Waiting is polling with a generous
/// bound: a test fails when the text never comes, never because it came slowly.
final class Tmux {
    /// The tmux binary; a test that needs it fails (never skips) when it is missing.
    static func binary() throws -> String {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin", "/opt/homebrew/bin"] where FileManager.default.isExecutableFile(atPath: dir + "/tmux") {
            return dir + "/tmux"
        }
        throw TmuxError(message: "tmux is not installed, and the live console's end-to-end tests need it: run scripts/setup (it installs tmux)")
    }

    struct TmuxError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    let tmux: String
    let socket = Scratch.root + "tmux-\(UUID().uuidString.prefix(8))"
    let config: String

    /// Starts `command` (run by sh in `directory`, with `environment` added) in a `width`×`height` pane.
    init(_ command: String, in directory: String, environment: [String: String] = [:], width: Int = 120, height: Int = 50) throws {
        tmux = try Self.binary()
        config = socket + ".conf"
        // remain-on-exit keeps the pane (and what it showed) after the program ends or is killed.
        try "set -g remain-on-exit on\nset -g history-limit 20000\nset -g default-terminal tmux-256color\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let exports = environment.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        // The colour tests must not depend on the caller's NO_COLOR: it is cleared unless `environment` sets it.
        let script = "cd '\(directory)' && exec env -u NO_COLOR \(exports) \(command)"
        try run(["-f", config, "new-session", "-d", "-s", "gd", "-x", String(width), "-y", String(height), script], capture: false)
    }

    deinit {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: config)
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// Runs a tmux command on this server and returns what it printed.
    ///
    /// Not with Foundation's `Process`: it learns that a child has ended when a socket the child inherited closes, and
    /// the tmux server that `new-session` forks would keep that socket (and every other descriptor) open for as long
    /// as it runs. So tmux is spawned directly, with every descriptor above stderr closed, and waited for with
    /// `waitpid`. The command that starts the server writes to /dev/null: the server keeps its stdout.
    @discardableResult
    func run(_ arguments: [String], capture: Bool = true) throws -> String {
        var fds: [Int32] = [-1, -1]
        if capture {
            guard pipe(&fds) == 0 else { throw TmuxError(message: "pipe: \(errno)") }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Close every other descriptor in the child (glibc ignores a close of one that is no longer open).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) } ?? Array(3..<1024)
        for fd in open where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv = [tmux, "-S", socket] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["TMUX_PANE"] = nil
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var cArgv: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnvp: [UnsafeMutablePointer<CChar>?] = envp.map { strdup($0) } + [nil]
        defer { for p in cArgv + cEnvp { free(p) } }
        // The test runner's threads block signals; a tmux server that inherited that mask would never hear SIGCHLD,
        // and never notice that its program ended. Start it with no signal blocked and every disposition at default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tmux, &actions, &attributes, &cArgv, &cEnvp)
        if capture { close(fds[1]) }
        guard spawned == 0 else {
            if capture { close(fds[0]) }
            throw TmuxError(message: "cannot run tmux: \(spawned)")
        }
        var output: [UInt8] = []
        if capture {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                output += buffer[0..<n]
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }

    /// Types `text` literally (no key names).
    func send(_ text: String) throws { try run(["send-keys", "-t", "gd", "-l", text]) }

    /// Presses keys by tmux name: `Enter`, `Tab`, `C-u`.
    func press(_ keys: String...) throws { try run(["send-keys", "-t", "gd"] + keys) }

    /// Types a line and presses Enter.
    func type(_ line: String) throws {
        try send(line)
        try press("Enter")
    }

    /// The pane's text, wrapped lines joined, with the scrollback; with `escapes`, the colours and attributes too.
    func screen(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-J", "-S", "-20000", "-t", "gd"] + (escapes ? ["-e"] : []))
    }

    /// The pane's last non-empty row (the prompt line while the program reads input).
    func lastLine() throws -> String {
        try screen().split(separator: "\n").last.map(String.init) ?? ""
    }

    /// Polls until `condition` holds for the screen (at most about `seconds`); returns the screen, or fails with it.
    @discardableResult
    func wait(for what: String, seconds: Double = 60, _ condition: (String) -> Bool) throws -> String {
        let tries = Int(seconds / 0.05)
        var text = ""
        for _ in 0..<tries {
            text = try screen()
            if condition(text) { return text }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TmuxError(message: "never saw \(what) on the screen:\n\(text)")
    }

    /// Polls until the screen contains `text` as many times as `count` (default once, counting from the start).
    @discardableResult
    func wait(for text: String, count: Int = 1, seconds: Double = 60) throws -> String {
        try wait(for: "'\(text)'\(count > 1 ? " \(count) times" : "")", seconds: seconds) { $0.components(separatedBy: text).count - 1 >= count }
    }

    /// The process id of the program in the pane.
    func pid() throws -> Int32 {
        Int32(try run(["display-message", "-p", "-t", "gd", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Waits until the program in the pane has ended; returns its exit status (nil when a signal killed it).
    @discardableResult
    func waitForExit(seconds: Double = 60) throws -> Int32? {
        let tries = Int(seconds / 0.05)
        var last: [String] = []
        for _ in 0..<tries {
            // The pane is dead when its terminal closes; the status (or the signal) follows once tmux has reaped the program.
            let state = try run(["display-message", "-p", "-t", "gd", "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}"])
                .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            last = state
            if state.count == 3, state[0] == "1", !state[1].isEmpty || !state[2].isEmpty { return Int32(state[1]) }
            if state.first == "1" {
                // Dead but not reaped: Debian's tmux, built with utempter, runs its utmp helper (with SIGCHLD reset
                // and a wait of its own) when the pane's terminal closes, and can lose the SIGCHLD of the program
                // that ended in the same moment; it reaps only when it hears another. Nudge it: its handler calls
                // waitpid with WNOHANG, so a spare signal is harmless.
                if let server = Int32(try run(["display-message", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) {
                    kill(server, SIGCHLD)
                }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TmuxError(message: "the program never exited (dead|status|signal: \(last.joined(separator: "|"))):\n\(try screen())")
    }
}
