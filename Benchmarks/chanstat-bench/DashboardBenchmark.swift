import Foundation

/// The dashboard in a real terminal (tmux): time from start to the first complete frame (data on screen),
/// from a key press to the redrawn frame of a new range (its query included), CPU while idle, peak memory.
/// Times are measured from outside, by polling the screen every millisecond or so, so they include tmux.
struct DashboardBenchmark {
    let chanstat: String
    let idleSeconds: Double
    let keyPresses: Int
    /// Variables for the dashboard's environment (tmux new-session -e), e.g. PGPASSWORD for a postgres:// --db.
    var environment: [String: String] = [:]
    /// Press `c` after the first frame: every key press then loads two periods (two queries).
    var comparing = false

    struct Figures {
        let name: String
        let firstFrame: Double
        let keyToFrame: [Double]
        let idleCPUPercent: Double
        let peakKilobytes: Int
    }

    func measure(name: String, arguments: [String]) throws -> Figures {
        let tmux = Tmux.fresh("dashboard")
        defer { tmux.kill() }
        let started = Date()
        try tmux.start(command: ([chanstat] + arguments + ["--refresh", "3600"]).map(Tmux.quote).joined(separator: " "),
                       environment: environment)
        try tmux.waitFor(timeout: 30) { Self.isLoaded($0, title: "Last 30 days") }
        let firstFrame = Date().timeIntervalSince(started)
        let pid = try tmux.panePID()
        if comparing {
            try tmux.sendKeys("c")
            try tmux.waitFor(timeout: 30) { Self.isLoaded($0, title: "Last 30 days", comparing: true) }
        }

        var keyTimes: [Double] = []
        for press in 0..<keyPresses {
            // Alternate between two presets so every press asks for a different range.
            let (key, title) = press % 2 == 0 ? ("5", "Last 6 months") : ("3", "Last 30 days")
            let pressed = Date()
            try tmux.sendKeys(key)
            try tmux.waitFor(timeout: 30) { Self.isLoaded($0, title: title, comparing: comparing) }
            keyTimes.append(Date().timeIntervalSince(pressed))
        }

        let before = try ProcessStats(pid: pid)
        Thread.sleep(forTimeInterval: idleSeconds)
        let after = try ProcessStats(pid: pid)
        let idle = Double(after.cpuTicks - before.cpuTicks) / Double(sysconf(Int32(_SC_CLK_TCK))) / idleSeconds * 100
        try tmux.sendKeys("q")
        return Figures(name: name, firstFrame: firstFrame, keyToFrame: keyTimes, idleCPUPercent: idle,
                       peakKilobytes: after.peakKilobytes)
    }

    /// Loaded: the range's title in the header, a totals row, and no "until the new range loads" notice.
    /// Comparing, the header also names the previous period ("vs …").
    static func isLoaded(_ screen: String, title: String, comparing: Bool = false) -> Bool {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 2, lines[1].hasPrefix(title), lines[1].contains("updated") else { return false }
        guard !comparing || lines[1].contains(" vs ") else { return false }
        return !screen.contains("until the new range loads") && lines.contains { $0.hasPrefix("Total ") }
    }
}

/// The few tmux commands the benchmark needs, on a private socket.
struct Tmux {
    let socket: String

    /// A server of its own for each session: a socket name used again at once can meet the previous server still
    /// exiting after `kill-server` ("server exited unexpectedly").
    static func fresh(_ purpose: String) -> Tmux {
        Tmux(socket: "chanstat-bench-\(purpose)-\(getpid())-\(UUID().uuidString.prefix(8))")
    }

    static func quote(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let result = try ChildProcess.run(["tmux", "-L", socket] + arguments)
        guard result.status == 0 else { throw BenchmarkError("tmux \(arguments.first ?? "") failed") }
        return result.output
    }

    func start(command: String, environment: [String: String] = [:]) throws {
        let variables = environment.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] }
        try run(["-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", "-e", "LANG=C.UTF-8"] + variables
                + ["exec " + command])
    }

    func sendKeys(_ keys: String) throws { try run(["send-keys", keys]) }

    func panePID() throws -> pid_t {
        guard let pid = pid_t(try run(["display-message", "-p", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)) else { throw BenchmarkError("no pane pid") }
        return pid
    }

    func waitFor(timeout: Double, _ condition: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(try run(["capture-pane", "-p"])) { return }
            usleep(1_000)
        }
        throw BenchmarkError("the dashboard did not show what was expected within \(timeout) s:\n"
                             + ((try? run(["capture-pane", "-p"])) ?? ""))
    }

    /// Stops the server and removes its socket file, which tmux leaves behind.
    func kill() {
        let path = (try? run(["display-message", "-p", "#{socket_path}"]))?.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try? ChildProcess.run(["tmux", "-L", socket, "kill-server"])
        if let path, !path.isEmpty { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// CPU time and peak memory of a running process, from /proc.
struct ProcessStats {
    let cpuTicks: Int
    let peakKilobytes: Int

    init(pid: pid_t) throws {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let afterName = stat.range(of: ") ") else { throw BenchmarkError("process \(pid) is gone") }
        // Fields after "(name) ": state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
        let fields = stat[afterName.upperBound...].split(separator: " ")
        cpuTicks = (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
        let hwm = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        peakKilobytes = hwm.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    }
}
