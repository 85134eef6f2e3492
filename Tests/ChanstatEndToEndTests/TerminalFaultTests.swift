import ChanstatTestSupport
import Foundation
import Testing

/// The terminal closed under the dashboard, and a log that cannot be written (issue 5, "Faults"). Whatever
/// happens, the process ends within seconds without spinning, and leaves no process behind.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct TerminalFaultTests {
    let timeout = DashboardHarness.timeout
    /// A dashboard that noticed the loss ends long before this; one that spins burns it all.
    let endsWithin: Duration = .seconds(5)
    /// Clock ticks (usually 1/100 s) a dashboard may spend between losing its terminal and ending: a second of
    /// CPU. Ending costs a few ticks; a loop spinning on the lost terminal burns a tick for every tick it runs
    /// on a free core, so a second of it is caught and a slow, busy machine is not.
    let idleTicks = 100

    /// Every process still running the chanstat binary on this fixture's file, whoever its parent is now.
    /// (The executable, not just the command line: tmux's server and the pane's shell carry the command
    /// line too.)
    static func dashboards(on fixture: DashboardFixture) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let binary = ChanstatBinary.url.resolvingSymlinksInPath().path
        return entries.compactMap(pid_t.init).filter { pid in
            guard ProcessProbe.isRunning(pid),
                  (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) == binary,
                  let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: raw, as: UTF8.self).contains(fixture.path)
        }
    }

    /// Starts the dashboard on week A and returns it running, with its process id.
    func start(_ fixture: DashboardFixture, extra: [String] = []) throws -> (TmuxSession, pid_t) {
        let session = try DashboardHarness.onWeekA(fixture, extra: extra)
        let pid = try session.commandPID()
        #expect(ProcessProbe.children(of: pid).isEmpty, "the dashboard starts no processes of its own")
        // The probe that later finds strays finds this one now, so its empty answer will mean something.
        #expect(Self.dashboards(on: fixture) == [pid])
        return (session, pid)
    }

    /// The process ends soon, spends little CPU on the way, and nothing runs on the file afterwards.
    func expectEndsCleanly(_ pid: pid_t, _ fixture: DashboardFixture, cpuBefore: Int) {
        var cpuLast = cpuBefore
        let clock = ContinuousClock()
        let deadline = clock.now + endsWithin
        while clock.now < deadline, ProcessProbe.isRunning(pid) {
            cpuLast = ProcessProbe.cpuTicks(pid) ?? cpuLast
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(!ProcessProbe.isRunning(pid), "the dashboard still runs \(endsWithin) after losing its terminal")
        #expect(cpuLast - cpuBefore < idleTicks, "the dashboard spun: \(cpuLast - cpuBefore) ticks after the loss")
        #expect(Self.dashboards(on: fixture).isEmpty, "a process stayed behind: \(Self.dashboards(on: fixture))")
    }

    @Test func sighupEndsWith129AndLeavesNothingBehind() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let (session, pid) = try start(fixture)
        defer { session.close() }
        let cpu = try #require(ProcessProbe.cpuTicks(pid))
        kill(pid, SIGHUP)
        #expect(try session.waitForExit(timeout: timeout) == 129)
        expectEndsCleanly(pid, fixture, cpuBefore: cpu)
        let settings = try session.terminalSettings()
        #expect(settings.before == settings.after)
    }

    /// The pane killed: the kernel hangs the pty up, which sends SIGHUP to the dashboard's process group.
    @Test func closingTheTerminalEndsTheDashboard() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let (session, pid) = try start(fixture)
        defer { session.close() }
        let cpu = try #require(ProcessProbe.cpuTicks(pid))
        try session.killPane()
        expectEndsCleanly(pid, fixture, cpuBefore: cpu)
    }

    /// The same without any signal: under `setsid` the pty is not the dashboard's controlling terminal, so
    /// the hangup arrives only as reads and writes that fail. A loop that ignored them would spin forever.
    @Test func losingTheTerminalWithoutASignalEndsTheDashboard() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let command = (["setsid", ChanstatBinary.path, "dashboard", "--db", fixture.path, "--account", "1",
                        "--since", DashboardFixture.weekA.since, "--until", DashboardFixture.weekA.until, "--utc",
                        "--refresh", "3600"]).map(DashboardHarness.shellQuoted).joined(separator: " ")
        let session = try TmuxSession(command: command, width: 100, height: 30,
                                      environment: ["TZ": "UTC", "NO_COLOR": "", "SWIFT_BACKTRACE": "interactive=no"])
        defer { session.close() }
        try session.waitUntil(timeout: timeout, "week A's rows", DashboardEndToEndTests.hasRows([ExpectedRows.weekATotal]))
        let pid = try session.commandPID()
        #expect(Self.dashboards(on: fixture) == [pid])
        let cpu = try #require(ProcessProbe.cpuTicks(pid))
        try session.killPane()
        expectEndsCleanly(pid, fixture, cpuBefore: cpu)
    }

    /// `--log-file /dev/full`: every write fails with ENOSPC. The dashboard works on, and says nothing about it.
    @Test func aLogOnAFullDiskChangesNothingOnScreen() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let (session, _) = try start(fixture, extra: ["--log-file", "/dev/full"])
        defer { session.close() }
        // Loads and frames log: a refresh and a preset change write a dozen lines to the full disk.
        try session.sendKeys("r")
        try session.sendKeys("2")
        let screen = try session.waitUntil(timeout: timeout, "the last 7 days") {
            DashboardEndToEndTests.hasRows([ExpectedRows.last7Total])($0) && !$0.contains("refreshing")
        }
        #expect(!screen.lowercased().contains("log"), "nothing about the log on screen:\n\(screen)")
        #expect(!screen.contains("Stale"))
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }
}
