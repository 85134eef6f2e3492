import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// SPEC 6 (issue 19 item 5): a source that is down when the dashboard starts opens the dashboard anyway,
/// which says why and tries again on each refresh, as it does for `--url`: a wall dashboard started during a
/// database restart, or while a file is locked by the program writing it, is not just gone. What the person
/// must fix (a file path that names nothing, a log file that cannot be written) is a usage error, exit 2,
/// before the screen is taken.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct DashboardDownAtStartTests {
    let timeout = DashboardHarness.timeout

    func expectStillRunning(_ session: TmuxSession, _ screen: String) {
        #expect(!screen.contains("[command ended]"), "the dashboard must stay open:\n\(screen)")
    }

    @Test(.enabled(if: PostgresCluster.isAvailable, "needs PostgreSQL"))
    func aDatabaseDownAtStartIsSaidThenReadOnceItIsUp() throws {
        let cluster = try PostgresCluster.start()
        defer { cluster.destroy() }
        try DashboardOverPostgresTests.createChatwoot(in: cluster)
        try cluster.stop()
        let address = "127.0.0.1:\(cluster.port)"
        let session = try DashboardHarness.start(
            ["dashboard", "--db", "postgres://dash@\(address)/chatwoot", "--account", "1", "--since", "2026-11-02",
             "--until", "2026-11-08", "--utc", "--refresh", "3600"],
            width: 150, height: 30, environment: ["PGPASSWORD": DashboardOverPostgresTests.password])
        defer { session.close() }

        let down = try session.waitUntil(timeout: timeout, "why the database cannot be read") {
            DashboardEndToEndTests.flattened($0).contains("cannot connect to PostgreSQL at \(address): connection refused")
        }
        expectStillRunning(session, down)
        // The name the dashboard knows without the database: the account's name comes with it.
        #expect(down.hasPrefix("chanstat  chatwoot on \(address), account 1 "), "\(down)")
        #expect(!DashboardOverPostgresTests.hasRows(down))

        try cluster.start()
        try session.sendKeys("r")
        let up = try session.waitUntil(timeout: timeout, "the database's rows after a refresh") { screen in
            DashboardOverPostgresTests.hasRows(screen) && !screen.contains("refreshing")
        }
        #expect(up.hasPrefix("chanstat  chatwoot on \(address), account 1 (Acme)"), "\(up)")
        #expect(!up.contains("connection refused"), "\(up)")
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
        let settings = try session.terminalSettings()
        #expect(settings.before == settings.after)
    }

    /// A program writing the file holds it (an import or a restore with `sqlite3 .restore`: an exclusive lock
    /// in rollback-journal mode, which readers wait on, 2 s, then give up): the dashboard says so and reads the
    /// file on the refresh after the writer is done.
    @Test func aFileLockedByAWriterAtStartIsSaidThenReadOnceItIsFree() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let writer = try DatabaseQueue(path: fixture.path, configuration: configuration)
        try writer.writeWithoutTransaction { db in try db.execute(sql: "BEGIN EXCLUSIVE") }
        try onFileDownAtStart(fixture, saying: "dash.sqlite is locked by a program writing to it") {
            try writer.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
            try writer.close()
        }
    }

    /// A file still being copied in (`cp` or `scp` has created it and not yet written it): empty at start, then
    /// whole. The dashboard says what it found and reads the file on the refresh after the copy.
    @Test func aFileStillBeingCopiedInAtStartIsReadOnceItIsWhole() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let whole = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
        #expect(truncate(fixture.path, 0) == 0)
        try onFileDownAtStart(fixture, saying: "dash.sqlite has no table") {
            try whole.write(to: URL(fileURLWithPath: fixture.path))
        }
    }

    /// The dashboard on the fixture's file, which cannot be read yet: it opens and says `sentence` under the name
    /// it knows; once `bringUp` has run, `r` shows week A's rows, and `q` ends it with 0.
    func onFileDownAtStart(_ fixture: DashboardFixture, saying sentence: String, bringUp: () throws -> Void) throws {
        let session = try DashboardHarness.dashboard(fixture, since: DashboardFixture.weekA.since,
                                                     until: DashboardFixture.weekA.until, width: 120)
        defer { session.close() }
        let down = try session.waitUntil(timeout: timeout, "why the file cannot be read") {
            DashboardEndToEndTests.flattened($0).contains(sentence)
        }
        expectStillRunning(session, down)
        #expect(down.hasPrefix("chanstat  dash.sqlite, account 1 "), "\(down)")

        try bringUp()
        try session.sendKeys("r")
        let read = try session.waitUntil(timeout: timeout, "week A's rows after a refresh") { screen in
            DashboardEndToEndTests.hasRows(ExpectedRows.weekA)(screen) && !screen.contains("refreshing")
        }
        #expect(!DashboardEndToEndTests.flattened(read).contains(sentence), "\(read)")
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }

    /// Run without a terminal: the answer must come before the dashboard would ask for one.
    @Test func aFilePathThatNamesNothingIsAUsageErrorBeforeTheScreen() throws {
        let scratch = try Scratch()
        let missing = scratch.path("nothing-here.sqlite")
        let run = try ChanstatBinary.run(["dashboard", "--db", missing, "--range", "7d"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderrLines == [Substring("chanstat: no such file: \(missing)")])
    }

    @Test(arguments: ["no-such-directory/dashboard.log", "."])
    func aLogFileThatCannotBeWrittenIsAUsageErrorBeforeTheScreen(relative: String) throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let scratch = try Scratch()
        let log = relative == "." ? scratch.url.path : scratch.path(relative)
        let run = try ChanstatBinary.run(["dashboard", "--db", fixture.path, "--account", "1", "--log-file", log])
        #expect(run.status == 2, "\(run.stderr)")
        let reason = relative == "." ? "Is a directory" : "No such file or directory"
        #expect(run.stderrLines == [Substring("chanstat: cannot write the log file \(log) (\(reason)); name a file in a "
                                              + "directory you may write, or leave out --log-file")])
        #expect(!FileManager.default.fileExists(atPath: scratch.path("no-such-directory")))
    }
}
