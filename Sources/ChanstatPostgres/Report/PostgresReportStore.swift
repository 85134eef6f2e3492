import ChanstatCore
import PostgresNIO

/// `serve` over Chatwoot's database: its own `access_tokens`, `account_users` and `users` decide who may
/// read, so `serve` next to a Chatwoot older than 4.10 gives it the channel summary endpoint. Answers (and
/// access decisions) are kept for `cacheLifetime`, so many dashboards behind one `serve` cost one query
/// per account and range, not one each.
public final class PostgresReportStore: ReportStore {
    public let name: String
    let session: PostgresSession
    let schema: PostgresSchema
    private let summaries: ShortLivedCache<SummaryKey, ChannelSummary>
    private let decisions: ShortLivedCache<AccessKey, AccessDecision>

    public static let defaultCacheLifetime: Duration = .seconds(5)

    struct SummaryKey: Hashable, Sendable {
        let accountID: Int64
        let range: DateRange
    }

    struct AccessKey: Hashable, Sendable {
        let token: String
        let accountID: Int64?
    }

    init(session: PostgresSession, schema: PostgresSchema, cacheLifetime: Duration) {
        self.session = session
        self.schema = schema
        name = "\(session.target.database) on \(session.target.address)"
        summaries = ShortLivedCache(lifetime: cacheLifetime)
        decisions = ShortLivedCache(lifetime: cacheLifetime)
    }

    /// Connects and checks the report and access tables.
    public static func open(session: PostgresSession,
                            cacheLifetime: Duration = defaultCacheLifetime) async throws -> PostgresReportStore {
        let database = session.target.database
        let schema = try await PostgresSession.closingOnFailure(session) { try await session.run { connection, logger in
            try await PostgresSchema.inspect(connection, logger: logger, database: database,
                                             required: ChatwootTables.report + ChatwootTables.access)
        } }
        return PostgresReportStore(session: session, schema: schema, cacheLifetime: cacheLifetime)
    }

    public func access(token: String, accountID: Int64?) async throws -> AccessDecision {
        let query = schema.accessQuery(token: token, account: accountID)
        let session = self.session
        return try await decisions.value(for: AccessKey(token: token, accountID: accountID)) {
            try await session.run { connection, logger in
                for try await (owner, userExists, accountExists, suspended, isAdministrator) in try await connection
                    .query(query, logger: logger).decode((String?, Bool, Bool, Bool, Bool?).self) {
                    return AccessDecision.decide(ownerType: owner ?? "", userExists: userExists,
                                                 accountExists: accountExists, accountSuspended: suspended,
                                                 isAdministrator: isAdministrator)
                }
                return .unknownToken
            }
        }
    }

    public func summary(accountID: Int64, range: DateRange) async throws -> ChannelSummary {
        let query = schema.reportQuery(account: accountID, range: range)
        let session = self.session, database = session.target.database
        return try await summaries.value(for: SummaryKey(accountID: accountID, range: range)) {
            try await session.run { connection, logger in
                try await PostgresReportSource.collect(connection.query(query, logger: logger), database: database).summary
            }
        }
    }

    public func close() async {
        await session.close()
    }

    public func checkReadable() async throws {
        try await session.run { connection, logger in
            try await connection.execute("SELECT 1", logger: logger)
        }
    }
}
