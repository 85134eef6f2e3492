import ChanstatCore
import PostgresNIO

/// `serve` over Chatwoot's database: its own `access_tokens`, `account_users` and `users` decide who may
/// read, so `serve` next to a Chatwoot older than 4.10 gives it the channel summary endpoint. Answers are kept
/// for `cacheLifetime`, so many dashboards behind one `serve` cost one query per account and range, not one each.
///
/// Two sessions: one runs the reports, one after another; the other the access and health checks, so that a
/// slow report (a locked table, a huge range) never delays the refusal of a token or `/health`.
/// Access decisions are not cached here: serve keeps grants, briefly, by the token's hash (`GrantCache`).
public final class PostgresReportStore: ReportStore {
    public let name: String
    let session: PostgresSession
    let checks: PostgresSession
    let schema: PostgresSchema
    private let answers: ShortLivedCache<ReportRequest, GroupedReport>

    public static let defaultCacheLifetime: Duration = .seconds(5)

    /// The session's own deadline: the statement timeout, and the client's margin over it.
    public var reportTimeLimit: Duration { session.statementTimeout + .seconds(5) }

    init(session: PostgresSession, checks: PostgresSession, schema: PostgresSchema, cacheLifetime: Duration) {
        self.session = session
        self.checks = checks
        self.schema = schema
        name = "\(session.target.database) on \(session.target.address)"
        answers = ShortLivedCache(lifetime: cacheLifetime, cost: \.approximateBytes)
    }

    /// Connects and checks the report and access tables. `checks` is a second session to the same target.
    public static func open(session: PostgresSession, checks: PostgresSession,
                            cacheLifetime: Duration = defaultCacheLifetime) async throws -> PostgresReportStore {
        let database = session.target.database
        let schema = try await PostgresSession.closingOnFailure(session) { try await session.run { connection, logger in
            try await PostgresSchema.inspect(connection, logger: logger, database: database,
                                             required: ChatwootTables.report + ChatwootTables.access)
        } }
        return PostgresReportStore(session: session, checks: checks, schema: schema, cacheLifetime: cacheLifetime)
    }

    public func access(token: String, accountID: Int64?) async throws -> AccessDecision {
        let query = schema.accessQuery(token: token, account: accountID)
        return try await checks.run { connection, logger in
            for try await (owner, userExists, accountExists, suspended, isAdministrator) in try await connection
                .query(query, logger: logger).decode((String?, Bool, Bool, Bool, Bool?).self) {
                return AccessDecision.decide(ownerType: owner ?? "", userExists: userExists,
                                             accountExists: accountExists, accountSuspended: suspended,
                                             isAdministrator: isAdministrator)
            }
            return .unknownToken
        }
    }

    public func memberAccounts(token: String) async throws -> [Int64] {
        let query = schema.memberAccountsQuery(token: token)
        return try await checks.run { connection, logger in
            var accounts: [Int64] = []
            for try await id in try await connection.query(query, logger: logger).decode(Int64.self) { accounts.append(id) }
            return accounts
        }
    }

    /// The report, whole (by channel, with its inbox rows), kept for `cacheLifetime`.
    public func grouped(accountID: Int64, _ request: ReportRequest) async throws -> GroupedReport {
        let request = ReportRequest(accountID: accountID, range: request.range, breakdown: request.breakdown)
        let breakdown = request.breakdown, database = session.target.database
        if let refusal = schema.refusal(for: ChatwootTables.needed(for: breakdown), view: breakdown.option,
                                        database: database) { throw refusal }
        let session = self.session
        if breakdown.needsDatabase {
            let schema = self.schema
            return try await answers.value(for: request) {
                try await session.run { connection, logger in
                    try await PostgresReportSource.groups(connection, logger: logger, schema: schema, account: accountID,
                                                          range: request.range, breakdown: breakdown, database: database)
                }
            }
        }
        let query = schema.reportQuery(account: accountID, range: request.range)
        return try await answers.value(for: request) {
            try await session.run { connection, logger in
                GroupedReport(try await PostgresReportSource.collect(connection.query(query, logger: logger),
                                                                     database: database), breakdown: breakdown)
            }
        }
    }

    public func close() async {
        await session.close()
        await checks.close()
    }

    public func checkReadable() async throws {
        try await checks.run { connection, logger in
            try await connection.execute("SELECT 1", logger: logger)
        }
    }
}
