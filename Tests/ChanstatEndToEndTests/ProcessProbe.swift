import Foundation

/// What /proc says about a process: whether it still runs, its CPU time, its children. For the faults
/// where the terminal goes away and the test can no longer ask the dashboard anything.
enum ProcessProbe {
    /// True while the process exists and is not a zombie (a zombie has ended; only its parent's wait is left).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let fields = statFields(pid) else { return false }
        return fields[0] != "Z"
    }

    /// User plus system CPU time so far, in clock ticks; nil once the process is gone.
    static func cpuTicks(_ pid: pid_t) -> Int? {
        guard let fields = statFields(pid), fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12])
        else { return nil }
        return user + system
    }

    /// Processes whose parent is `pid`.
    static func children(of pid: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(pid_t.init).filter { statFields($0).map { $0[1] == String(pid) } ?? false }
    }

    /// Waits until the process has ended; false if it still runs after `timeout`.
    static func waitForEnd(_ pid: pid_t, timeout: Duration) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if !isRunning(pid) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return !isRunning(pid)
    }

    /// /proc/PID/stat after the command name: state, ppid, …; the name (in parentheses) may hold spaces.
    private static func statFields(_ pid: pid_t) -> [String]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ").map(String.init)
    }
}
