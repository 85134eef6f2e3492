import ChanstatCore
import GRDB

/// What chanstat learns about a file when it opens it: that it has the tables and columns it needs, and
/// whether the recommended index is there. (Which timestamp form `created_at` uses is not asked: the report
/// counts both, see ReportQuery.)
struct FileLayout: Sendable, Equatable {
    var hasRecommendedIndex: Bool

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
        return FileLayout(hasRecommendedIndex: try hasRecommendedIndex(db))
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
