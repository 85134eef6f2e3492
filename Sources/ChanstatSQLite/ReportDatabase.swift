import ChanstatCore
import Foundation
import GRDB

/// A Chatwoot-shaped file as `serve` reads it: every account, the access check, and cached answers.
/// Opened read-only like `SQLiteReportSource`, on two connections: one runs the reports, one after another (so
/// `PRAGMA data_version` is read on the connection that runs the report, which is what makes the cache exact),
/// the other the access and health checks, which must never wait behind a report.
public final class ReportDatabase: ReportStore {
    public let fileName: String
    public var name: String { fileName }
    /// Followed before every request: a file renamed over the path is served from then on, a deleted or
    /// truncated one is refused with a sentence (503) until it is back.
    let reports: FollowedFile
    /// The access and health checks' connection. Its busy wait is short: a writer holding the file makes a
    /// check answer 503 within a fraction of a second, and checks queued behind each other cannot add up to
    /// seconds.
    let checks: FollowedFile
    let cache = SummaryCache()
    public let reportTimeLimit: Duration

    /// How long the access check waits for a writer that holds the file.
    static let checkBusyTimeout: TimeInterval = 0.25
    /// SPEC 14's deadline: a report that runs longer is interrupted.
    public static let defaultReportTimeLimit: Duration = .seconds(15)

    /// Opens a file and checks that it has the report tables and the access tables.
    public init(path: String, reportTimeLimit: Duration = ReportDatabase.defaultReportTimeLimit) throws {
        self.reportTimeLimit = reportTimeLimit
        let fileName = (path as NSString).lastPathComponent
        self.fileName = fileName
        let check: @Sendable (Database) throws -> FileLayout = { db in
            try FileLayout.inspect(db, fileName: fileName, required: ChatwootTables.report + ChatwootTables.access)
        }
        func follow(busyTimeout: TimeInterval) throws -> FollowedFile {
            let identity = FileIdentity.at(path)
            let (database, _) = try SQLiteReportSource.openReadOnly(path: path, busyTimeout: busyTimeout)
            do {
                let layout = try database.read(check)
                return FollowedFile(database: database, layout: layout, fileName: fileName, path: path,
                                    identity: identity, busyTimeout: busyTimeout, check: check)
            } catch {
                throw SQLiteFailure.sourceError(error, fileName: fileName)
            }
        }
        reports = try follow(busyTimeout: SQLiteReportSource.busyTimeout)
        checks = try follow(busyTimeout: Self.checkBusyTimeout)
    }

    public func access(token: String, accountID: Int64?) async throws -> AccessDecision {
        try await read(checks) { db, _ in try AccessQuery.decide(db, token: token, accountID: accountID) }
    }

    /// The report, whole, from the cache when the file has not changed since it was computed.
    public func grouped(accountID: Int64, _ request: ReportRequest) async throws -> GroupedReport {
        let fileName = self.fileName, cache = self.cache
        let request = ReportRequest(accountID: accountID, range: request.range, breakdown: request.breakdown)
        return try await read(reports, timeLimit: reportTimeLimit) { db, connection in
            let version = SummaryCache.Version(connection: connection.generation,
                                               data: try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0)
            if let cached = cache.lookup(request, version: version) { return cached }
            let answer = request.breakdown.needsDatabase
                ? try SQLiteReportSource.groups(db, layout: connection.layout, account: accountID, request: request,
                                                fileName: fileName)
                : GroupedReport(try SQLiteReportSource.query(db, layout: connection.layout, account: accountID,
                                                             range: request.range, fileName: fileName),
                                breakdown: request.breakdown)
            cache.store(answer, for: request, version: version)
            return answer
        }
    }

    /// A cheap read that needs the same lock a report needs, on the checks' connection.
    public func checkReadable() async throws {
        try await read(checks) { db, _ in _ = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM accounts") }
    }

    /// A read on the connection to the file at the path now (see `FollowedFile`). With a `timeLimit`, the read
    /// is interrupted that long after it starts (time spent waiting for the connection does not count).
    private func read<T: Sendable>(_ file: FollowedFile, timeLimit: Duration? = nil,
                                   _ body: @escaping @Sendable (Database, FollowedFile.Connection) throws -> T) async throws -> T {
        try await file.read(timeLimit: timeLimit, body)
    }
}
