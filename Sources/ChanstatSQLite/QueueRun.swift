import ChanstatCore
import GRDB

/// Runs `QueueQuery` and the roster of serve's `teams` and `agents` endpoints on a file, for the source and for
/// serve alike; a file without the columns a view needs gets `FileLayout.refusal`'s sentence before anything runs.
enum QueueRun {
    static let view = "the queue (--now)"

    static func queue(_ db: Database, layout: FileLayout, account: Int64, by breakdown: Breakdown, at now: Int64,
                      fileName: String) throws -> QueueReport {
        guard let sql = QueueQuery.sql(for: breakdown) else {
            throw SourceError(.usage, "the queue is by channel, inbox, team, agent or label, not by \(breakdown.rawValue)")
        }
        if let refusal = layout.refusal(for: ChatwootTables.queue + ChatwootTables.needed(for: breakdown), view: view,
                                        fileName: fileName) {
            throw refusal
        }
        var rows: [(group: QueueGroupColumns?, conversations: QueueClass)] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: QueueQuery.arguments(account: account, at: now))
        let values = FileValues(fileName: fileName), idColumn = FileValues.idColumn(of: breakdown)
        while let row = try cursor.next() {
            let isTotal: Bool = (row[0] as Int64?) == 1
            let bucket: Int64 = row[9] ?? -1
            let group = QueueGroupColumns(id: try values.id(row, 1, idColumn), text: values.text(row, 2),
                                          name: values.text(row, 3), displayName: values.text(row, 4),
                                          channelType: values.text(row, 5))
            rows.append((isTotal ? nil : group,
                         QueueClass(status: row[6], isAssigned: row[7] ?? false, hasFirstReply: row[8] ?? false,
                                    waitAge: WaitAge(edgeIndex: bucket), count: row[10] ?? 0, earliestWaitingSince: row[11])))
        }
        guard let report = QueueReport.assemble(breakdown: breakdown, at: now, rows: rows) else {
            throw SourceError(.badData, "\(fileName) holds more conversations than a 64-bit count can hold")
        }
        return report
    }

    static func roster(_ db: Database, layout: FileLayout, account: Int64, of breakdown: Breakdown,
                       fileName: String) throws -> [RosterEntry] {
        if let refusal = layout.refusal(for: ChatwootTables.needed(for: breakdown), view: "the \(breakdown.rawValue) list",
                                        fileName: fileName) {
            throw refusal
        }
        let values = FileValues(fileName: fileName)
        switch breakdown {
        case .team:
            return try Row.fetchAll(db, sql: "SELECT id, name FROM teams WHERE account_id = ? ORDER BY id",
                                    arguments: [account]).map { row in
                let id = try values.id(row, 0, "teams.id") ?? 0
                return RosterEntry(id: id, name: GroupName.team(id: id, name: values.text(row, 1) ?? ""))
            }
        case .agent:
            return try Row.fetchAll(db, sql: """
                SELECT DISTINCT u.id, u.name, u.display_name FROM account_users AS au JOIN users AS u ON u.id = au.user_id
                 WHERE au.account_id = ? ORDER BY u.id
                """, arguments: [account]).map { row in
                let id = try values.id(row, 0, "users.id") ?? 0
                return RosterEntry(id: id, name: GroupName.agent(id: id, displayName: values.text(row, 2),
                                                                 name: values.text(row, 1) ?? ""))
            }
        default:
            return []
        }
    }
}

extension SQLiteReportSource {
    public func queue(by breakdown: Breakdown, at now: Int64) async throws -> QueueReport {
        let accountID = account.id, fileName = self.fileName
        return try await file.read { db, connection in
            try QueueRun.queue(db, layout: connection.layout, account: accountID, by: breakdown, at: now, fileName: fileName)
        }
    }
}

extension ReportDatabase {
    /// Never cached: the queue is about now, and its ages move with the clock.
    public func queue(accountID: Int64, by breakdown: Breakdown, at now: Int64) async throws -> QueueReport {
        let fileName = self.fileName
        return try await reports.read(timeLimit: reportTimeLimit) { db, connection in
            try QueueRun.queue(db, layout: connection.layout, account: accountID, by: breakdown, at: now, fileName: fileName)
        }
    }

    public func roster(accountID: Int64, of breakdown: Breakdown) async throws -> [RosterEntry] {
        let fileName = self.fileName
        return try await reports.read(timeLimit: reportTimeLimit) { db, connection in
            try QueueRun.roster(db, layout: connection.layout, account: accountID, of: breakdown, fileName: fileName)
        }
    }
}
