import ChanstatCore
import Foundation
import PostgresNIO

/// A list of conversations from Chatwoot's database (docs/report.md "Lists"): one statement, `listQuery` in the
/// list block of `PostgresQueries`, after the check that the tables and columns a list shows are there and
/// readable (a role without SELECT on them gets the sentence that names the table; the reports keep working).
extension PostgresReportSource {
    public func conversations(matching filter: ConversationFilter, in cohort: ListCohort,
                              limit: ListLimit) async throws -> ConversationList {
        let database = session.target.database
        if let refusal = schema.refusal(for: ChatwootTables.list, view: "a list of conversations", database: database) {
            throw refusal
        }
        let query = schema.listQuery(schema.narrowed(schema.listCohort(account: accountID, cohort), by: filter),
                                     limit: limit)
        let account = accountID
        return try await session.run { connection, logger in
            var count: Int64 = 0
            var conversations: [ListedConversation] = []
            let rows = try await connection.query(query, logger: logger)
            for try await row in rows {
                let (total, id, displayID, inboxID, inbox, channelType, statusCode, assigneeID, userDisplayName, userName,
                     teamID, teamName, labels, createdAt, waitingSince) = try row.decode(
                    (Int64, Int64, Int64?, Int64, String?, String?, Int64, Int64?, String?, String?, Int64?, String?,
                     [String], Date, Date?).self)
                guard let status = ConversationStatus(code: statusCode) else { continue }
                count = total
                conversations.append(ListedConversation(
                    id: id, displayID: displayID, inboxID: inboxID, inbox: inbox, channelType: channelType,
                    status: status, assigneeID: assigneeID, userDisplayName: userDisplayName, userName: userName,
                    teamID: teamID, teamName: teamName, labels: labels, createdAt: Self.wholeSeconds(createdAt),
                    waitingSince: waitingSince.map(Self.wholeSeconds)))
            }
            return ConversationList(account: account, count: count, conversations: conversations)
        }
    }

    /// Whole Unix seconds, a fraction dropped (toward the past, also before 1970).
    static func wholeSeconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
