import ChanstatCore
@testable import ChanstatPostgres
import ChanstatTestSupport
import Foundation

/// One server for the whole test run (starting one costs a few seconds), stopped and removed at exit; each
/// test gets databases of its own on it. Tests that change the server itself (hba rules, TLS, restarts) start
/// their own `PostgresCluster`.
enum SharedCluster {
    private static let started: Result<PostgresCluster, any Error> = Result(catching: {
        var options = PostgresCluster.Options()
        // Every statement in the log, so tests can count what chanstat ran (serve's cache, one query a refresh).
        options.extraSettings = ["log_min_duration_statement": "0"]
        let cluster = try PostgresCluster.start(options)
        toDestroy = cluster
        atexit { SharedCluster.toDestroy?.destroy() }
        return cluster
    })
    nonisolated(unsafe) private static var toDestroy: PostgresCluster?

    static func get() throws -> PostgresCluster { try started.get() }
}

/// A database shaped as Chatwoot 4.x's (the six tables with their real column types, plus some of the many
/// columns chanstat ignores), filled by each test with the rows it needs.
struct ChatwootDatabase {
    let cluster: PostgresCluster
    let name: String

    /// Column types as Chatwoot's db/schema.rb gives them: `created_at` is `timestamp without time zone`.
    static let ddl = """
        CREATE TABLE accounts (id serial PRIMARY KEY, name varchar NOT NULL, locale integer DEFAULT 0,
            created_at timestamp NOT NULL DEFAULT now(), status integer DEFAULT 0);
        CREATE TABLE inboxes (id serial PRIMARY KEY, channel_id integer NOT NULL DEFAULT 0, account_id integer NOT NULL,
            name varchar NOT NULL, channel_type varchar, created_at timestamp NOT NULL DEFAULT now());
        CREATE TABLE conversations (id serial PRIMARY KEY, account_id integer NOT NULL, inbox_id integer NOT NULL,
            status integer NOT NULL DEFAULT 0, assignee_id integer, created_at timestamp NOT NULL,
            updated_at timestamp NOT NULL DEFAULT now(), display_id integer NOT NULL DEFAULT 0,
            additional_attributes jsonb DEFAULT '{}');
        CREATE INDEX index_conversations_on_account_id ON conversations (account_id);
        CREATE INDEX conv_acid_inbid_stat_asgnid_idx ON conversations (account_id, inbox_id, status, assignee_id);
        CREATE TABLE users (id serial PRIMARY KEY, name varchar NOT NULL, email varchar, encrypted_password varchar DEFAULT '');
        CREATE TABLE account_users (id bigserial PRIMARY KEY, account_id bigint, user_id bigint, role integer DEFAULT 0);
        CREATE TABLE access_tokens (id bigserial PRIMARY KEY, owner_type varchar, owner_id bigint, token varchar UNIQUE);
        """

    /// A new empty database with Chatwoot's tables (or none, for the schema tests).
    static func make(on cluster: PostgresCluster? = nil, withTables: Bool = true) throws -> ChatwootDatabase {
        let cluster = try cluster ?? SharedCluster.get()
        let name = "chatwoot_" + UUID().uuidString.prefix(8).lowercased()
        try cluster.createDatabase(name)
        let database = ChatwootDatabase(cluster: cluster, name: name)
        if withTables { try database.sql(ddl) }
        return database
    }

    @discardableResult
    func sql(_ text: String, user: String = "postgres") throws -> String {
        try cluster.psql(text, database: name, user: user)
    }

    /// The socket URL, trusted as the superuser (or `user`): what most tests connect with.
    ///
    /// With a connect timeout of a minute, not the default 10 s: at the start of a test run on a 2-core machine,
    /// other suites' `initdb`s and `psql`s block the test process's few cooperative threads for seconds, and a
    /// login whose continuations wait behind them once took longer than 10 s in CI. The timeout itself is tested
    /// against silent servers (`ConnectionFailureTests`, `FrozenDatabaseTests`) with URLs of their own.
    func url(user: String = "postgres", parameters: String = "") -> String {
        "postgres:///\(name)?host=\(cluster.socketDirectory)&port=\(cluster.port)&user=\(user)&connect_timeout=60"
            + parameters
    }

    /// A source opened the way the CLI opens one, with `variables` as the whole environment. Its statements may
    /// take a minute, not the CLI's 10 s, for the reason `url` gives; tests of the timeout give their own.
    func source(account: Int64?, url: String? = nil, variables: [String: String] = [:],
                statementTimeout: Duration = .seconds(60)) async throws -> PostgresReportSource {
        let (target, _) = try PostgresAddress.resolve(url ?? self.url(), environment: .init(
            variables: variables, userName: "postgres", homeDirectory: nil))
        return try await PostgresReportSource.open(session: PostgresSession(target: target, statementTimeout: statementTimeout),
                                                   accountID: account)
    }

    /// Chatwoot's own query (its controller's, verbatim in shape), run by psql with the bounds as UTC text:
    /// the oracle chanstat must equal.
    func chatwootReport(account: Int64, range: DateRange) throws -> ChannelSummary {
        let rows = try sql("""
            SELECT COUNT(*) AS count_all, "inboxes"."channel_type", "conversations"."status"
              FROM "conversations" INNER JOIN "inboxes" ON "inboxes"."id" = "conversations"."inbox_id"
             WHERE "conversations"."account_id" = \(account)
               AND "conversations"."created_at" >= '\(TimestampForm.utcText(range.since))'
               AND "conversations"."created_at" < '\(TimestampForm.utcText(range.until))'
             GROUP BY "inboxes"."channel_type", "conversations"."status"
            """)
        var summary = ChannelSummary()
        for line in rows.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            summary.add(channelType: fields[1], statusCode: Int64(fields[2]), count: Int64(fields[0]) ?? 0)
        }
        return summary
    }
}

extension ChatwootDatabase {
    /// The planner steered both ways for the label statement (`LabelCounting`), as a server's settings and tables
    /// would steer it: with hash joins and nested loops off it merges (`inOrder`), with merge joins off it does
    /// not (`perGroup`).
    static let labelPlans: [(off: [String], merges: Bool)] = [
        (["enable_hashjoin", "enable_nestloop"], true),
        (["enable_mergejoin"], false),
    ]

    /// Turns `settings` off for this database's new sessions, and every other setting of it back to the server's.
    func turnOff(_ settings: [String]) throws {
        try sql((["ALTER DATABASE \(name) RESET ALL"] + settings.map { "ALTER DATABASE \(name) SET \($0) = off" })
            .joined(separator: "; "))
    }
}
