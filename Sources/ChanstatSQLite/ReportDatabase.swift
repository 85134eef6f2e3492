import ChanstatCore
import Foundation
import GRDB

/// A Chatwoot-shaped file as `serve` reads it: every account, the access check, and cached answers.
/// Opened read-only like `SQLiteReportSource`; one connection, so `PRAGMA data_version` is read on
/// the same connection that runs the report, which is what makes the cache exact.
public final class ReportDatabase: Sendable {
    public let fileName: String
    let database: DatabaseQueue
    let layout: FileLayout
    let cache = SummaryCache()

    /// Opens a file and checks that it has the report tables and the access tables.
    public init(path: String) throws {
        (database, fileName) = try SQLiteReportSource.openReadOnly(path: path)
        let fileName = self.fileName
        do {
            layout = try database.read { db in
                try FileLayout.inspect(db, fileName: fileName,
                                       required: ChatwootSchema.reportColumns + ChatwootSchema.accessColumns)
            }
        } catch {
            throw SQLiteFailure.sourceError(error, fileName: fileName)
        }
    }

    /// May this token read this account's reports? A nil account (a path segment that is not an id at all)
    /// is an account that does not exist, decided after the token like any other.
    public func access(token: String, accountID: Int64?) async throws -> AccessDecision {
        try await read { db in try AccessQuery.decide(db, token: token, accountID: accountID) }
    }

    /// The report, from the cache when the file has not changed since it was computed.
    public func summary(accountID: Int64, range: DateRange) async throws -> ChannelSummary {
        let layout = self.layout, fileName = self.fileName, cache = self.cache
        let key = SummaryCache.Key(accountID: accountID, range: range)
        return try await read { db in
            let version = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            if let cached = cache.lookup(key, dataVersion: version) { return cached }
            let summary = try SQLiteReportSource.query(db, layout: layout, account: accountID, range: range,
                                                       fileName: fileName)
            cache.store(summary, for: key, dataVersion: version)
            return summary
        }
    }

    /// A cheap read that needs the same lock a report needs: the health check.
    public func checkReadable() async throws {
        try await read { db in _ = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM accounts") }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.read(body)
        } catch {
            throw SQLiteFailure.sourceError(error, fileName: fileName)
        }
    }
}
