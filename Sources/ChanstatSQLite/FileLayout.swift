import ChanstatCore
import GRDB

/// What chanstat learns about a file when it opens it: that it has the tables and columns it needs,
/// whether the recommended index is there, and which timestamp form `created_at` uses.
struct FileLayout: Sendable, Equatable {
    var hasRecommendedIndex: Bool
    var timestampForm: TimestampForm

    static func inspect(_ db: Database, fileName: String,
                        required: [(table: String, columns: [String])]) throws -> FileLayout {
        for (table, columns) in required {
            let present = try Set(Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
                .map { ($0["name"] as String).lowercased() })
            guard !present.isEmpty else {
                throw SourceError(.badData, "\(fileName) has no table \"\(table)\": it is not a Chatwoot-shaped file "
                                  + "(see sample-data/schema.sql)")
            }
            if let missing = columns.first(where: { !present.contains($0) }) {
                throw SourceError(.badData, "table \"\(table)\" in \(fileName) has no column \"\(missing)\" "
                                  + "(see sample-data/schema.sql)")
            }
        }
        return FileLayout(hasRecommendedIndex: try hasRecommendedIndex(db), timestampForm: try timestampForm(db))
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

    /// One row tells, since a file uses one form. An empty table has nothing to compare, so either will do.
    private static func timestampForm(_ db: Database) throws -> TimestampForm {
        let type = try String.fetchOne(db, sql: "SELECT typeof(created_at) FROM conversations LIMIT 1")
        return type == "text" ? .utcText : .unixSeconds
    }
}
