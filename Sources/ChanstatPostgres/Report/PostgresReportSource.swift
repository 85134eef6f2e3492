import ChanstatCore
import Logging
import PostgresNIO

/// The report from Chatwoot's own PostgreSQL database, primary or hot standby (docs/postgres.md). Opening
/// checks the schema and the account (small queries); after that every report is one query (by label, after an
/// `EXPLAIN` of it that chooses its form: `LabelCounting`).
public final class PostgresReportSource: ReportSource {
    public let displayName: String
    public let accountID: Int64
    public var readAccountID: Int64? { accountID }
    let session: PostgresSession
    let schema: PostgresSchema

    init(session: PostgresSession, schema: PostgresSchema, account: PostgresAccounts.Account) {
        self.session = session
        self.schema = schema
        accountID = account.id
        displayName = "\(TerminalSafeText.sanitize(session.target.database, maxCharacters: 40)) on "
            + "\(TerminalSafeText.sanitize(session.target.address, maxCharacters: 60)), account \(account.id) "
            + "(\(TerminalSafeText.sanitize(account.name, maxCharacters: 40)))"
    }

    /// Connects, checks the tables the report needs and chooses the account; every failure is a `SourceError`.
    public static func open(session: PostgresSession, accountID: Int64?) async throws -> PostgresReportSource {
        let database = session.target.database
        let (schema, account) = try await PostgresSession.closingOnFailure(session) { try await session.run { connection, logger in
            let schema = try await PostgresSchema.inspect(connection, logger: logger, database: database,
                                                          required: ChatwootTables.report)
            let account = try await PostgresAccounts.choose(connection, logger: logger, schema: schema,
                                                            requested: accountID, database: database)
            return (schema, account)
        } }
        return PostgresReportSource(session: session, schema: schema, account: account)
    }

    /// Ends the connection politely (the server logs a clean disconnect rather than an EOF); postgres-nio
    /// also requires a connection to be closed before it goes.
    public func close() async {
        await session.close()
    }

    public func report(for range: DateRange) async throws -> SourceReport {
        let query = schema.reportQuery(account: accountID, range: range)
        let database = session.target.database
        return try await session.run { connection, logger in
            try await Self.collect(connection.query(query, logger: logger), database: database)
        }
    }

    /// By channel (and inbox), `dailyQuery`; by team, agent and label, `groupDaysQuery`, refused first as the range's.
    public func dailyReport(for request: ReportRequest, calendar: LocalCalendar,
                            progress: @escaping @Sendable (DayProgress) -> Void) async throws -> DailyReport {
        let days = LocalDays(request.range, calendar: calendar), breakdown = request.breakdown.dayGroups
        if let refusal = refusal(for: breakdown) { throw refusal }
        let byChannel = !breakdown.needsDatabase
        let database = session.target.database, schema = self.schema, accountID = self.accountID
        return try await session.run { connection, logger in
            var daily = DailyReport(days: days, breakdown: breakdown)
            let query = byChannel ? schema.dailyQuery(account: accountID, days: days)
                : try await schema.groupDaysQuery(connection, logger: logger, account: accountID, days: days,
                                                  breakdown: breakdown)
            let rows = try await connection.query(query, logger: logger)
            let outside = SourceError(.badData, "database \(TerminalSafeText.sanitize(database, maxCharacters: 40)) "
                                      + "answered a day outside the range, or more than a 64-bit count can hold")
            if byChannel {
                for try await (day, channelType, status, count) in rows.decode((Int64, String?, Int64, Int64).self) {
                    guard daily.add(day: Int(day), channelType: channelType ?? "", statusCode: status, count: count) else {
                        throw outside
                    }
                }
                return daily
            }
            for try await (isTotal, id, name, displayName, status, count, day)
                in rows.decode((Bool, Int64?, String?, String?, Int64, Int64, Int64).self) {
                guard daily.addRow(day: Int(day), isTotal: isTotal, id: id, name: name, displayName: displayName,
                                   statusCode: status, count: count) else { throw outside }
            }
            return daily
        }
    }

    /// By team, agent and label, `groupQuery`; by channel and inbox, the report's.
    public func grouped(_ request: ReportRequest) async throws -> GroupedReport {
        guard request.breakdown.needsDatabase else {
            return GroupedReport(try await report(for: request.range), breakdown: request.breakdown)
        }
        if let refusal = refusal(for: request.breakdown) { throw refusal }
        let database = session.target.database, schema = self.schema, accountID = self.accountID
        return try await session.run { connection, logger in
            try await Self.groups(connection, logger: logger, schema: schema, account: accountID, range: request.range,
                                  breakdown: request.breakdown, database: database)
        }
    }

    /// What the database (or this role) lacks for `breakdown`: a table, a column, or SELECT on one.
    public func refusal(for breakdown: Breakdown) -> SourceError? {
        schema.refusal(for: ChatwootTables.needed(for: breakdown), view: breakdown.option,
                       database: session.target.database)
    }

    /// The report by team, agent or label on `connection`: `groupQuery` (by label, after asking the planner), its
    /// rows as a grouped report. The source's and serve's store's.
    static func groups(_ connection: PostgresConnection, logger: Logger, schema: PostgresSchema, account: Int64,
                       range: DateRange, breakdown: Breakdown, database: String) async throws -> GroupedReport {
        let query = try await schema.groupQuery(connection, logger: logger, account: account, range: range,
                                                breakdown: breakdown)
        let rows = try await connection.query(query, logger: logger)
        var grouped = GroupedReport(breakdown: breakdown)
        for try await (isTotal, id, name, displayName, status, count) in rows.decode((Bool, Int64?, String?, String?, Int64, Int64).self) {
            guard grouped.addRow(isTotal: isTotal, id: id, name: name, displayName: displayName, statusCode: status,
                                 count: count) else {
                throw SourceError(.badData, "database \(TerminalSafeText.sanitize(database, maxCharacters: 40)) holds more "
                                  + "conversations than a 64-bit count can hold")
            }
        }
        return grouped
    }

    /// Sums the (inbox, channel type, status, count, inbox name) rows of `reportQuery` into a report.
    static func collect(_ rows: PostgresRowSequence, database: String) async throws -> SourceReport {
        var report = SourceReport()
        for try await (inbox, channelType, status, count, name) in rows.decode((Int64, String?, Int64, Int64, String?).self) {
            guard report.add(channelType: channelType ?? "", inboxID: inbox, inboxName: name ?? "", statusCode: status,
                             count: count) else {
                throw SourceError(.badData, "database \(TerminalSafeText.sanitize(database, maxCharacters: 40)) holds more "
                                  + "conversations than a 64-bit count can hold")
            }
        }
        return report
    }
}
