import ChanstatTestSupport
import Foundation
import Testing

/// The dashboard on Chatwoot's PostgreSQL database, in tmux: the numbers of the database, the server
/// restarted under it (the last data stays, marked stale with the sentence), recovered on the next refresh;
/// the password (in PGPASSWORD only) never on screen or in the log.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && PostgresCluster.isAvailable, "needs tmux and PostgreSQL"))
struct DashboardOverPostgresTests {
    let timeout = DashboardHarness.timeout
    static let password = "dashboard-pg-secret-9f3a"
    /// The three tables the dashboard reads, with Chatwoot's column types.
    static let reportTables = """
        CREATE TABLE accounts (id serial PRIMARY KEY, name varchar NOT NULL, status integer DEFAULT 0);
        CREATE TABLE inboxes (id serial PRIMARY KEY, account_id integer NOT NULL, name varchar NOT NULL, channel_type varchar);
        CREATE TABLE conversations (id serial PRIMARY KEY, account_id integer NOT NULL, inbox_id integer NOT NULL,
                                    status integer NOT NULL DEFAULT 0, created_at timestamp NOT NULL);

        """

    /// Chatwoot's three tables in database `chatwoot`: account 1 (Acme), two inboxes, five conversations in
    /// 2026-11-02 – 2026-11-08; role `dash` may read them, with `password`.
    static func createChatwoot(in cluster: PostgresCluster) throws {
        try cluster.createDatabase("chatwoot")
        try cluster.psql(Self.reportTables + """
            INSERT INTO accounts VALUES (1, 'Acme', 0);
            INSERT INTO inboxes VALUES (1, 1, 'Mail', 'Channel::Email'), (2, 1, 'Site', 'Channel::WebWidget');
            INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES
                (1, 1, 0, '2026-11-02 10:00:00'), (1, 1, 1, '2026-11-03 10:00:00'), (1, 1, 1, '2026-11-04 23:59:59.5'),
                (1, 2, 2, '2026-11-05 08:00:00'), (1, 2, 3, '2026-11-06 08:00:00');
            CREATE ROLE dash LOGIN PASSWORD '\(Self.password)';
            GRANT SELECT ON accounts, inboxes, conversations TO dash;
            """, database: "chatwoot")
    }

    /// Label, open, pending, snoozed, resolved, total, as the dashboard shows them for that week.
    static let rows = ["Email          1        0        0         2      3", "Website        0        1        1         0      2"]

    static func hasRows(_ screen: String) -> Bool {
        rows.allSatisfy { row in DashboardEndToEndTests.lines(screen).contains { $0.replacingOccurrences(of: " ", with: "")
            .hasPrefix(row.replacingOccurrences(of: " ", with: "")) } }
    }

    @Test func aRestartedServerMarksTheDataStaleAndTheNextRefreshRecovers() throws {
        let cluster = try PostgresCluster.start()
        defer { cluster.destroy() }
        try Self.createChatwoot(in: cluster)
        let log = cluster.directory.appendingPathComponent("dashboard.log")
        let address = "127.0.0.1:\(cluster.port)"
        let session = try DashboardHarness.start(
            ["dashboard", "--db", "postgres://dash@\(address)/chatwoot", "--account", "1", "--since", "2026-11-02",
             "--until", "2026-11-08", "--utc", "--refresh", "3600", "--log-file", log.path],
            width: 150, height: 30, environment: ["PGPASSWORD": Self.password])
        defer { session.close() }
        let hasRows = Self.hasRows
        let first = try session.waitUntil(timeout: timeout, "the database's rows", hasRows)
        #expect(first.hasPrefix("chanstat  chatwoot on \(address), account 1 (Acme)"))
        #expect(!first.contains("Stale"))

        try cluster.stop()
        try session.sendKeys("r")
        let stale = try session.waitUntil(timeout: timeout, "the stale banner") { screen in
            screen.contains("Stale (data from ") && screen.contains("PostgreSQL at \(address)")
        }
        #expect(hasRows(stale), "the last data must stay on screen:\n\(stale)")

        try cluster.start()
        try session.sendKeys("r")
        let recovered = try session.waitUntil(timeout: timeout, "the stale marking to go away") { screen in
            !screen.contains("Stale") && hasRows(screen) && !screen.contains("refreshing")
        }
        #expect(!recovered.contains("PostgreSQL at"))

        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
        let settings = try session.terminalSettings()
        #expect(settings.before == settings.after)
        for screen in [first, stale, recovered] { #expect(!screen.contains(Self.password)) }
        let logged = try String(contentsOf: log, encoding: .utf8)
        #expect(logged.contains("load failed"), "the log has nothing to search:\n\(logged)")
        #expect(!logged.contains(Self.password))
    }
}
