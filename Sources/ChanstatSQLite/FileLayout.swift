import ChanstatCore
import GRDB

/// What chanstat learns about a file when it opens it: that it has the tables and columns it needs, and
/// whether the recommended index is there. (Which timestamp form `created_at` uses is not asked: the report
/// counts both, see ReportQuery.)
struct FileLayout: Sendable, Equatable {
    var hasRecommendedIndex: Bool
    /// The columns (lowercased) of every table any view reads (`ChatwootTables.allTables`) that the file has:
    /// the optional ones of SPEC 2 are checked against this when a view that needs them is asked for.
    var columns: [String: Set<String>] = [:]

    static func inspect(_ db: Database, fileName: String,
                        required: [(table: String, columns: [String])]) throws -> FileLayout {
        for (table, columns) in required {
            let present = try Set(Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
                .map { ($0["name"] as String).lowercased() })
            guard !present.isEmpty else {
                // The report reads three tables; a file without the access tables is fine for it, so say that
                // only serve needs them rather than call the whole file the wrong shape.
                if ChatwootTables.access.contains(where: { $0.table == table }) {
                    throw SourceError(.badData, "\(fileName) has no table \"\(table)\", which serve needs to decide "
                                      + "who may read the reports (report and the dashboard do not; see "
                                      + "sample-data/schema.sql)")
                }
                throw SourceError(.badData, "\(fileName) has no table \"\(table)\": it is not a Chatwoot-shaped file "
                                  + "(see sample-data/schema.sql)")
            }
            if let missing = columns.first(where: { !present.contains($0) }) {
                throw SourceError(.badData, "table \"\(table)\" in \(fileName) has no column \"\(missing)\" "
                                  + "(see sample-data/schema.sql)")
            }
        }
        if required.contains(where: { $0.table == "inboxes" }) { try requireUniqueInboxIDs(db, fileName: fileName) }
        var columns: [String: Set<String>] = [:]
        for table in ChatwootTables.allTables {
            let present = try Set(String.fetchAll(db, sql: "SELECT lower(name) FROM pragma_table_info(?)",
                                                  arguments: [table]))
            if !present.isEmpty { columns[table] = present }
        }
        return FileLayout(hasRecommendedIndex: try hasRecommendedIndex(db), columns: columns)
    }

    /// Nil when the file has what `requirements` name, else the sentence that says what it lacks for `view`
    /// (such as "--by team" or "the queue"): every other view still works.
    func refusal(for requirements: [ChatwootTables.Requirement], view: String, fileName: String) -> SourceError? {
        guard let lack = ChatwootTables.firstLack(of: requirements, in: columns) else { return nil }
        let what = lack.column.map { "no column \"\($0)\" in table \"\(lack.table)\"" } ?? "no table \"\(lack.table)\""
        return SourceError(.badData, "\(fileName) has \(what), which \(view) needs (files written by chanstat sample "
                           + "have it; see sample-data/schema.sql)")
    }

    /// Every view joins a conversation to its inbox by id, so an id on two rows of `inboxes` (possible where
    /// `inboxes.id` is not the primary key, which in Chatwoot it is) would count that inbox's conversations once
    /// per row: a plausible wrong number. The table is small (an account's channels), so it is read whole.
    private static func requireUniqueInboxIDs(_ db: Database, fileName: String) throws {
        let sql = "SELECT id, count(*) AS n FROM inboxes GROUP BY id HAVING count(*) > 1 LIMIT 1"
        guard let repeated = try Row.fetchOne(db, sql: sql) else { return }
        let id = TerminalSafeText.sanitize((repeated["id"] as DatabaseValue).description, maxCharacters: 40)
        throw SourceError(.badData, "\(fileName) has \(repeated["n"] as Int64) inboxes with id \(id), so their "
                          + "conversations would be counted more than once: the file is not Chatwoot-shaped (see "
                          + "sample-data/schema.sql)")
    }

    /// Any index on conversations whose leading columns are the recommended ones will do.
    private static func hasRecommendedIndex(_ db: Database) throws -> Bool {
        let indexes = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list('conversations')")
        for index in indexes {
            let columns = try String?.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno",
                                               arguments: [index]).map { $0?.lowercased() ?? "" }
            if columns.starts(with: ReportQuery.recommendedIndexColumns) { return true }
        }
        return false
    }
}
