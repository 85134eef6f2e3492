import ChanstatCore
import Foundation
import GRDB

/// A Chatwoot-shaped file as `serve` reads it: every account, the access check, and cached answers.
/// Opened read-only like `SQLiteReportSource`; one connection per file, so `PRAGMA data_version` is read on
/// the same connection that runs the report, which is what makes the cache exact.
public final class ReportDatabase: ReportStore {
    public let fileName: String
    public var name: String { fileName }
    /// Followed before every request: a file renamed over the path is served from then on, a deleted or
    /// truncated one is refused with a sentence (503) until it is back.
    let file: FollowedFile
    let cache = SummaryCache()

    /// Opens a file and checks that it has the report tables and the access tables.
    public init(path: String) throws {
        let identity = FileIdentity.at(path)
        let (database, fileName) = try SQLiteReportSource.openReadOnly(path: path)
        self.fileName = fileName
        let check: @Sendable (Database) throws -> FileLayout = { db in
            try FileLayout.inspect(db, fileName: fileName, required: ChatwootTables.report + ChatwootTables.access)
        }
        do {
            let layout = try database.read(check)
            file = FollowedFile(database: database, layout: layout, fileName: fileName, path: path, identity: identity,
                                busyTimeout: SQLiteReportSource.busyTimeout, check: check)
        } catch {
            throw SQLiteFailure.sourceError(error, fileName: fileName)
        }
    }

    public func access(token: String, accountID: Int64?) async throws -> AccessDecision {
        try await read { db, _ in try AccessQuery.decide(db, token: token, accountID: accountID) }
    }

    /// The report, from the cache when the file has not changed since it was computed.
    public func summary(accountID: Int64, range: DateRange) async throws -> ChannelSummary {
        let fileName = self.fileName, cache = self.cache
        let key = SummaryCache.Key(accountID: accountID, range: range)
        return try await read { db, connection in
            let version = SummaryCache.Version(connection: connection.generation,
                                               data: try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0)
            if let cached = cache.lookup(key, version: version) { return cached }
            let summary = try SQLiteReportSource.query(db, layout: connection.layout, account: accountID, range: range,
                                                       fileName: fileName).summary
            cache.store(summary, for: key, version: version)
            return summary
        }
    }

    /// A cheap read that needs the same lock a report needs.
    public func checkReadable() async throws {
        try await read { db, _ in _ = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM accounts") }
    }

    /// A read on the connection to the file at the path now (see `FollowedFile`).
    private func read<T: Sendable>(_ body: @escaping @Sendable (Database, FollowedFile.Connection) throws -> T) async throws -> T {
        try await file.read(body)
    }
}
