import CTerminalShim
import ChanstatCore
import ChanstatDashboard
import Foundation

/// The dashboard's entry point for the command line.
public enum DashboardRunner {
    /// Runs the dashboard until the user quits or the terminal goes away, and returns the exit status:
    /// 0 after `q` or Ctrl-C, 128 + the signal after SIGTERM or SIGHUP (or a lost terminal), 1 when no
    /// terminal can be driven (the reason is printed on stderr).
    ///
    /// Curses is driven from one dedicated thread, which blocks in `poll` while idle; loads run as tasks
    /// and come back to it as messages.
    public static func run(_ options: DashboardOptions) async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let thread = Thread {
                continuation.resume(returning: EventLoop.run(options: options))
            }
            thread.name = "chanstat-dashboard"
            thread.start()
        }
    }
}
