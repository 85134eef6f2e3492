import ChanstatTestSupport
import Foundation
import Testing

/// A real PostgreSQL frozen with SIGSTOP (the server and all its processes): its port still accepts and open
/// connections stay open, but nothing answers, as with a hung server or a network that drops packets. Every wait
/// ends (SPEC 14): `report` gives the connect timeout's sentence, and the dashboard, whose connection is already
/// open, marks its data stale with the deadline's sentence within the deadline (statement timeout 1 s + 5 s).
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && PostgresCluster.isAvailable, "needs tmux and PostgreSQL"),
       .timeLimit(.minutes(3)))
struct FrozenDatabaseTests {
    static let password = "frozen-pg-secret-51c2"

    static func chatwoot() throws -> PostgresCluster {
        let cluster = try PostgresCluster.start()
        try cluster.createDatabase("chatwoot")
        try cluster.psql(DashboardOverPostgresTests.reportTables + """
            INSERT INTO accounts VALUES (1, 'Acme', 0);
            INSERT INTO inboxes VALUES (1, 1, 'Mail', 'Channel::Email');
            INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES
                (1, 1, 0, '2026-11-02 10:00:00'), (1, 1, 1, '2026-11-03 10:00:00');
            CREATE ROLE frozen LOGIN PASSWORD '\(password)';
            GRANT SELECT ON accounts, inboxes, conversations TO frozen;
            """, database: "chatwoot")
        return cluster
    }

    @Test func reportOnAFrozenServerEndsWithTheConnectTimeout() throws {
        let cluster = try Self.chatwoot()
        defer { cluster.destroy() }
        try cluster.freeze()
        defer { cluster.thaw() }
        let address = "127.0.0.1:\(cluster.port)"
        let started = ContinuousClock.now
        let report = try ChanstatBinary.run(["report", "--db", "postgres://frozen@\(address)/chatwoot?connect_timeout=2",
                                             "--account", "1", "--since", "2026-11-01", "--until", "2026-11-08"],
                                            environment: ["PGPASSWORD": Self.password])
        #expect(report.status == 1)
        #expect(report.stderr.contains("PostgreSQL at \(address) did not answer within 2 s (connect_timeout)"), "\(report.stderr)")
        #expect(ContinuousClock.now - started < .seconds(2 + 20))
    }

    @Test func theDashboardMarksItsDataStaleWithinTheDeadline() throws {
        let cluster = try Self.chatwoot()
        defer { cluster.destroy() }
        let address = "127.0.0.1:\(cluster.port)"
        let session = try DashboardHarness.start(
            ["dashboard", "--db", "postgres://frozen@\(address)/chatwoot", "--account", "1", "--since", "2026-11-01",
             "--until", "2026-11-08", "--utc", "--refresh", "3600", "--statement-timeout", "1"],
            width: 150, height: 30, environment: ["PGPASSWORD": Self.password])
        defer { session.close() }
        func hasRow(_ screen: String) -> Bool {
            DashboardEndToEndTests.lines(screen).contains { $0.replacingOccurrences(of: " ", with: "").hasPrefix("Email10012") }
        }
        _ = try session.waitUntil(timeout: DashboardHarness.timeout, "the database's rows", hasRow)
        // Frozen while the dashboard holds its connection (it closes one only after 20 s unused): the refresh's
        // query is sent and never answered.
        try cluster.freeze()
        defer { cluster.thaw() }
        let frozenAt = ContinuousClock.now
        try session.sendKeys("r")
        let stale = try session.waitUntil(timeout: .seconds(6 + 20), "the stale banner") { screen in
            screen.contains("Stale (data from ") && screen.contains("PostgreSQL at \(address) stopped answering")
        }
        #expect(ContinuousClock.now - frozenAt < .seconds(6 + 20))
        #expect(hasRow(stale), "the last data must stay on screen:\n\(stale)")
        #expect(!stale.contains(Self.password))

        cluster.thaw()
        try session.sendKeys("r")
        _ = try session.waitUntil(timeout: DashboardHarness.timeout, "the data to be fresh again") { screen in
            !screen.contains("Stale") && hasRow(screen) && !screen.contains("refreshing")
        }
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: DashboardHarness.timeout) == 0)
    }
}
