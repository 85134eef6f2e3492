import Foundation
import ChanstatTestSupport

/// A real terminal for end-to-end tests: a tmux server on a private socket, one window of a fixed size,
/// running one command under `LANG=C.UTF-8`. Tests wait for text to appear (polling the screen) rather
/// than sleeping, and can compare the terminal settings (`stty -g`) from before the command and after it.
///
/// The command runs inside a small shell wrapper that records `stty -g` before and after it and its exit
/// status, then keeps the pane open so the last screen can still be read. The server is killed when the
/// session is closed or deinitialized.
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static var isAvailable: Bool {
        (try? run(["tmux", "-V"]).status) == 0
    }

    let socket: String
    private let directory: URL
    /// tmux leaves the socket file behind after kill-server; it is removed on close.
    private var socketPath: String?
    private var closed = false

    /// Starts `command` (a shell command line) in a new detached session.
    init(command: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        socket = "chanstat-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let dir = directory.path
        // Without job control the command shares the wrapper's process group, so Ctrl-C's SIGINT reaches
        // the wrapper too and would end it (and the pane) before the command could restore the terminal.
        // A trap (not an ignore, which the command would inherit) keeps the wrapper alive, as an interactive
        // shell would be.
        let wrapper = """
            trap : INT; stty -g > '\(dir)/stty-before'; \(command)
            echo $? > '\(dir)/status.tmp'; stty -g > '\(dir)/stty-after'; mv '\(dir)/status.tmp' '\(dir)/status'
            echo '[command ended]'; exec sleep 86400
            """
        let variables = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"].merging(environment) { $1 }
        var arguments = ["new-session", "-d", "-x", "\(width)", "-y", "\(height)"]
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(name)=\(value)"] }
        arguments += ["sh", "-c", wrapper]
        try tmux(arguments)
        // A fixed size even though no client is attached.
        try tmux(["set-option", "-g", "window-size", "manual"])
        socketPath = try tmux(["display-message", "-p", "#{socket_path}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit { close() }

    /// Kills the server and removes the session's files. Safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? Self.run(["tmux", "-L", socket, "kill-server"])
        try? FileManager.default.removeItem(at: directory)
        if let socketPath { try? FileManager.default.removeItem(atPath: socketPath) }
    }

    /// The visible screen as text, one line per row.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p"])
    }

    /// The visible screen with its colour and attribute escape sequences, to check colour or its absence.
    func screenWithEscapes() throws -> String {
        try tmux(["capture-pane", "-p", "-e"])
    }

    /// Polls the screen until it contains `text`; returns that screen, or throws with the last one seen.
    @discardableResult
    func waitFor(text: String, timeout: Duration = .seconds(10)) throws -> String {
        try waitUntil(timeout: timeout, "the text \"\(text)\"") { $0.contains(text) }
    }

    /// Polls the screen until `condition` holds on a whole frame: the same screen twice, 50 ms apart. One capture
    /// can fall between the writes of one ncurses refresh (tmux reads the pty in pieces), and such a half-drawn
    /// frame can hold the new title line over the old rows: a test that read rows from it failed under load.
    @discardableResult
    func waitUntil(timeout: Duration = .seconds(10), _ what: String, _ condition: (String) -> Bool) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = ""
        repeat {
            let seen = try screen()
            if condition(seen), seen == last { return seen }
            last = seen
            Thread.sleep(forTimeInterval: 0.05)
        } while clock.now < deadline
        throw Failure(description: "Timed out after \(timeout) waiting for \(what). The screen was:\n\(last)")
    }

    /// Sends keys in tmux's key names ("q", "Enter", "C-c", "Escape", "BSpace", "Up").
    func sendKeys(_ keys: String...) throws {
        try tmux(["send-keys"] + keys)
    }

    /// Sends the same key `count` times in one go.
    func press(_ key: String, times count: Int) throws {
        try tmux(["send-keys"] + Array(repeating: key, count: count))
    }

    /// Records, from now on, the bytes the program writes to the terminal (tmux's `pipe-pane`), before tmux reads
    /// them: what a terminal other than tmux would get, such as sequences tmux itself does not show. Read the file
    /// the answer names once the screen shows the effect.
    func recordOutput() throws -> URL {
        let file = directory.appendingPathComponent("output-\(UUID().uuidString.prefix(8))")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        try tmux(["pipe-pane", "cat >> '\(file.path)'"])
        return file
    }

    /// The pane's title, which a program can set with an escape sequence (OSC 0 or 2).
    func paneTitle() throws -> String {
        try tmux(["display-message", "-p", "#{pane_title}"]).trimmingCharacters(in: .newlines)
    }

    /// Sends text literally, character by character (no key-name lookup).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-l", text])
    }

    /// Pastes text as a terminal paste does (tmux's buffer into the pane), all of it in one write.
    func paste(_ text: String) throws {
        try tmux(["set-buffer", "--", text])
        try tmux(["paste-buffer", "-d"])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Closes the terminal under the command, as closing a terminal window does: the pane's pty goes away
    /// (and with the only pane, the tmux server). The session's files stay until `close`.
    func killPane() throws {
        try tmux(["kill-pane"])
    }

    /// The process id of the command (the wrapper shell's child), for sending it signals.
    func commandPID() throws -> pid_t {
        let shell = try tmux(["display-message", "-p", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try Self.run(["pgrep", "-P", shell]).output
        guard let pid = children.split(separator: "\n").first.flatMap({ pid_t($0) }) else {
            throw Failure(description: "The command is not running (shell \(shell) has no child).")
        }
        return pid
    }

    /// Waits for the command to end and returns its exit status.
    func waitForExit(timeout: Duration = .seconds(10)) throws -> Int32 {
        let file = directory.appendingPathComponent("status")
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "The command did not end within \(timeout). The screen was:\n\((try? screen()) ?? "?")")
    }

    /// `stty -g` from before the command started and after it ended (after `waitForExit`).
    func terminalSettings() throws -> (before: String, after: String) {
        func read(_ name: String) throws -> String {
            try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return (try read("stty-before"), try read("stty-after"))
    }

    // MARK: - Private

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try Self.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(arguments.first ?? "") failed (\(result.status)): \(result.output)")
        }
        return result.output
    }

    /// Runs a program and waits for it with posix_spawn and waitpid, which keeps the signal mask under
    /// control (see below) and reaps the child directly. Output goes
    /// through a file, not a pipe: `new-session` starts the tmux server, which inherits the descriptors
    /// and would keep a pipe open for its whole life.
    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        // An empty signal mask and default dispositions: test threads may block signals, and a tmux server
        // that inherits a mask without SIGCHLD or SIGTERM never exits.
        let pid: pid_t
        do {
            pid = try ServerChild.spawn(arguments, outputFile: outputPath)
        } catch {
            throw Failure(description: "Cannot run \(arguments[0]): \(error)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7F == 0
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), output)
    }
}
