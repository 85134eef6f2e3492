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
            return try Self.list(db, layout: layout, account: accountID, filter: filter, cohort: cohort,
                                 limit: limit, fileName: fileName)
        }
    }

    /// `path` replaces the choice of how a range's cohort is read (tests read both).
    static func list(_ db: Database, layout: FileLayout, account: Int64, filter: ConversationFilter,
                     cohort: ListCohort, limit: ListLimit, fileName: String,
                     path forced: ReportQuery.CohortPath? = nil) throws -> ConversationList {
        var selection = ReportQuery.narrowed(ReportQuery.cohort(account: account, cohort), by: filter)
        // A range's list by team, agent or label alone reads its cohort as the group queries do (`CohortPath`).
        if case .created(let range) = cohort, layout.hasRecommendedIndex, !ReportQuery.indexNarrows(filter) {
            let arguments = StatementArguments(ReportQuery.arguments(account: account, range: range))
            let path = try forced ?? cohortPath(db, cohort: countCohort(db, arguments: arguments))
            selection.scansTable = path == .tableScan
        }
        let items = ReportQuery.listItems(selection, limit: limit)
        let rows = try Row.fetchAll(db, sql: items.sql, arguments: items.arguments)
        let values = FileValues(fileName: fileName)
        let ids = try rows.map { try values.id($0, 0, "conversations.id") ?? 0 }
        var labels: [Int64: [String?]] = [:]
        if !ids.isEmpty {
            let query = ReportQuery.listLabels(of: ids)
            for row in try Row.fetchAll(db, sql: query.sql, arguments: query.arguments) {
                labels[try values.id(row, 0, "taggings.taggable_id") ?? 0, default: []].append(values.text(row, 1))
            }
        }
        let conversations = try zip(ids, rows).map { id, row in
            guard let status = ConversationStatus(code: try values.id(row, 5, "conversations.status")),
                  let createdAt: Int64 = row[11] else {
                throw SourceError(.badData, "\(fileName) holds a conversation whose created_at is not a time")
            }
            return ListedConversation(id: id, displayID: try values.id(row, 1, "conversations.display_id"),
                                      inboxID: try values.id(row, 2, "inboxes.id") ?? 0, inbox: values.text(row, 3),
                                      channelType: values.text(row, 4), status: status,
                                      assigneeID: try values.id(row, 6, "conversations.assignee_id"),
                                      userDisplayName: values.text(row, 7), userName: values.text(row, 8),
                                      teamID: try values.id(row, 9, "conversations.team_id"), teamName: values.text(row, 10),
                                      labels: labels[id] ?? [], createdAt: createdAt, waitingSince: row[12])
        }
        let count = ReportQuery.listCount(selection)
        return ConversationList(account: account, count: try Int64.fetchOne(db, sql: count.sql, arguments: count.arguments) ?? 0,
                                conversations: conversations)
    }
}
