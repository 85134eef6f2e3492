import ChanstatCore
import GRDB

/// A list of conversations from a file (docs/report.md "Lists"): the SQL is `ReportQuery`'s list block. The
/// items, the count and the labels are read in one read transaction, so the count is the items' own.
extension SQLiteReportSource {
    public func conversations(matching filter: ConversationFilter, in cohort: ListCohort,
                              limit: ListLimit) async throws -> ConversationList {
        let accountID = account.id, fileName = self.fileName
        return try await read { db, layout in
            if let refusal = layout.refusal(for: ChatwootTables.list, view: "a list of conversations",
                                            fileName: fileName) {
                throw refusal
            }
            return try Self.list(db, account: accountID, filter: filter, cohort: cohort, limit: limit,
                                 fileName: fileName)
        }
    }

    static func list(_ db: Database, account: Int64, filter: ConversationFilter, cohort: ListCohort,
                     limit: ListLimit, fileName: String) throws -> ConversationList {
        let selection = ReportQuery.narrowed(ReportQuery.cohort(account: account, cohort), by: filter)
        let items = ReportQuery.listItems(selection, limit: limit)
        let rows = try Row.fetchAll(db, sql: items.sql, arguments: items.arguments)
        let ids = rows.map { $0[0] as Int64 }
        var labels: [Int64: [String?]] = [:]
        if !ids.isEmpty {
            let query = ReportQuery.listLabels(of: ids)
            for row in try Row.fetchAll(db, sql: query.sql, arguments: query.arguments) {
                labels[row[0], default: []].append(row[1])
            }
        }
        let conversations = try rows.map { row in
            guard let status = ConversationStatus(code: row[5]), let createdAt: Int64 = row[11] else {
                throw SourceError(.badData, "\(fileName) holds a conversation whose created_at is not a time")
            }
            let id: Int64 = row[0]
            return ListedConversation(id: id, displayID: row[1], inboxID: row[2], inbox: row[3], channelType: row[4],
                                      status: status, assigneeID: row[6], userDisplayName: row[7], userName: row[8],
                                      teamID: row[9], teamName: row[10], labels: labels[id] ?? [],
                                      createdAt: createdAt, waitingSince: row[12])
        }
        let count = ReportQuery.listCount(selection)
        return ConversationList(account: account, count: try Int64.fetchOne(db, sql: count.sql, arguments: count.arguments) ?? 0,
                                conversations: conversations)
    }
}
