import ChanstatCore
import PostgresNIO

/// Runs the queue query (`PostgresSchema.queueQuery`) and the roster of serve's `teams` and `agents` endpoints, for
/// the source and for serve alike; a database or role without what a view needs gets `PostgresSchema.refusal`'s
/// sentence before anything runs.
enum PostgresQueueRun {
    static let view = "the queue (--now)"

    static func queue(session: PostgresSession, schema: PostgresSchema, account: Int64, by breakdown: Breakdown,
                      at now: Int64) async throws -> QueueReport {
        let database = session.target.database
        guard let query = schema.queueQuery(account: account, by: breakdown, at: now) else {
            throw SourceError(.usage, "the queue is by channel, inbox, team, agent or label, not by \(breakdown.rawValue)")
        }
        if let refusal = schema.refusal(for: ChatwootTables.queue + ChatwootTables.needed(for: breakdown), view: view,
                                        database: database) {
            throw refusal
        }
        return try await session.run { connection, logger in
            var rows: [(group: QueueGroupColumns?, conversations: QueueClass)] = []
            let answer = try await connection.query(query, logger: logger)
            for try await (kind, id, text, name, displayName, channelType, status, assigned, replied, bucket, count, earliest)
                in answer.decode((Int64, Int64?, String?, String?, String?, String?, Int64, Bool, Bool, Int64, Int64, Int64?).self) {
                let group = QueueGroupColumns(id: id, text: text, name: name, displayName: displayName,
                                              channelType: channelType)
                rows.append((kind == 1 ? nil : group,
                             QueueClass(status: status, isAssigned: assigned, hasFirstReply: replied,
                                        waitAge: WaitAge(edgeIndex: bucket), count: count, earliestWaitingSince: earliest)))
            }
            guard let report = QueueReport.assemble(breakdown: breakdown, at: now, rows: rows) else {
                throw SourceError(.badData, "database \(TerminalSafeText.sanitize(database, maxCharacters: 40)) holds more "
                                  + "conversations than a 64-bit count can hold")
            }
            return report
        }
    }

    static func roster(session: PostgresSession, schema: PostgresSchema, account: Int64,
                       of breakdown: Breakdown) async throws -> [RosterEntry] {
        guard let query = schema.rosterQuery(account: account, of: breakdown) else { return [] }
        if let refusal = schema.refusal(for: ChatwootTables.needed(for: breakdown), view: "the \(breakdown.rawValue) list",
                                        database: session.target.database) {
            throw refusal
        }
        return try await session.run { connection, logger in
            var entries: [RosterEntry] = []
            for try await (id, name, displayName) in try await connection.query(query, logger: logger)
                .decode((Int64, String?, String?).self) {
                let named = breakdown == .team ? GroupName.team(id: id, name: name ?? "")
                    : GroupName.agent(id: id, displayName: displayName, name: name ?? "")
                entries.append(RosterEntry(id: id, name: named))
            }
            return entries
        }
    }
}

extension PostgresReportSource {
    public func queue(by breakdown: Breakdown, at now: Int64) async throws -> QueueReport {
        try await PostgresQueueRun.queue(session: session, schema: schema, account: accountID, by: breakdown, at: now)
    }
}

extension PostgresReportStore {
    /// Never cached: the queue is about now, and its ages move with the clock.
    public func queue(accountID: Int64, by breakdown: Breakdown, at now: Int64) async throws -> QueueReport {
        try await PostgresQueueRun.queue(session: session, schema: schema, account: accountID, by: breakdown, at: now)
    }

    public func roster(accountID: Int64, of breakdown: Breakdown) async throws -> [RosterEntry] {
        try await PostgresQueueRun.roster(session: session, schema: schema, account: accountID, of: breakdown)
    }
}
