import ChanstatCore
import Foundation
import GRDB

/// A read-only connection to whatever file is at a path now, for the readers that live long (the dashboard,
/// `serve`). An open SQLite connection keeps reading the inode it opened, so without this a file deleted or
/// replaced under a running reader goes on answering with the old data and nothing ever says so.
///
/// Before each read: a deleted or truncated file is an error that says so (the last good answer is the
/// caller's to keep); a new file renamed over the path, or new bytes copied over it in place, is opened in the
/// old one's place, since whoever replaced it wants its data seen, and it must pass the same checks the first
/// file passed.
final class FollowedFile: @unchecked Sendable {
    struct Connection: Sendable {
        let database: DatabaseQueue
        let layout: FileLayout
        /// nil for a database that is not a file at a path (the in-memory demo): never reopened.
        let identity: FileIdentity?
        /// 0 for the first file, one more for each replacement: answers cached for one file are not another's.
        let generation: Int
    }

    let fileName: String
    private let path: String?
    private let busyTimeout: TimeInterval
    /// What a replacement must pass before it is used (the caller's tables and checks); gives its layout.
    private let check: @Sendable (Database) throws -> FileLayout
    // Guarded by `lock`: reads may run concurrently, and one of them may swap the connection.
    private let lock = NSLock()
    private var connection: Connection
    /// The path's identity when it last passed the length check: while the file stays the same (inode, size,
    /// times) the header is not read again, so a request costs one stat(2), not an open and a read as well.
    private var lastVerified: FileIdentity?

    /// `database` is already open and checked (its `layout`); `identity` is the file it was opened on.
    init(database: DatabaseQueue, layout: FileLayout, fileName: String, path: String?, identity: FileIdentity?,
         busyTimeout: TimeInterval, check: @escaping @Sendable (Database) throws -> FileLayout) {
        self.fileName = fileName
        self.path = path
        self.busyTimeout = busyTimeout
        self.check = check
        connection = Connection(database: database, layout: layout, identity: identity, generation: 0)
    }

    /// The connection opened last, without looking at the file.
    var lastOpened: Connection { lock.withLock { connection } }

    /// The connection to the file at the path now, or a `SourceError` that says what happened to it. A missing,
    /// empty or short file is "unavailable" (serve: 503 with Retry-After): it is usually a copy in progress; so is
    /// a FIFO or a device put at the path, which is never opened (SPEC 14). `reopening`: open the file afresh even
    /// when it looks unchanged.
    func current(reopening: Bool = false) throws -> Connection {
        let opened = lastOpened
        guard let path, let openedIdentity = opened.identity else { return opened }
        guard let identity = FileIdentity.at(path) else {
            throw SourceError(.unavailable, "\(fileName) is gone (deleted or moved away); it is read again when it is back")
        }
        guard identity.kind == .regular else {
            throw SourceError(.unavailable, "\(fileName) is now \(identity.kind.described), not a regular file; "
                              + "it is read again when a file is back")
        }
        if lock.withLock({ lastVerified }) != identity {
            if let expected = FileIdentity.expectedLength(ofDatabaseAt: path), identity.size < expected {
                throw SourceError(.unavailable, "\(fileName) is shorter than its header says (\(identity.size) of \(expected) bytes): "
                                  + "it was truncated or is still being copied")
            }
            if identity.size == 0 {
                throw SourceError(.unavailable, "\(fileName) is empty (0 bytes): it was truncated or is still being written")
            }
            lock.withLock { lastVerified = identity }
        }
        // Any change (another inode, or new bytes in the same one) is a new connection: SQLite's page cache
        // survives bytes written in place when their header's change counter happens to be the same.
        if identity == openedIdentity, !reopening { return opened }
        do {
            let (database, _) = try SQLiteReportSource.openReadOnly(path: path, busyTimeout: busyTimeout)
            let layout = try database.read(check)
            return lock.withLock {
                connection = Connection(database: database, layout: layout, identity: identity,
                                        generation: connection.generation + 1)
                return connection
            }
        } catch {
            let reason = SQLiteFailure.sourceError(error, fileName: fileName)
            guard !identity.isSameFile(as: openedIdentity) else { throw reason }
            throw SourceError(reason.kind, "\(fileName) was replaced, and the new file cannot be used: \(reason.message)")
        }
    }

    /// `body` on the connection to the file at the path now; every failure becomes a `SourceError`. When SQLite
    /// calls the file corrupt or not a database, the file is opened afresh and read once more before that is
    /// believed: the connection may have read a page while the file was being rewritten, and the file may be
    /// whole again by now (a corruption sentence was once shown for 52 minutes after the file was whole).
    ///
    /// With a `timeLimit`, each read is interrupted that long after it starts (`QueryWatchdog`; time spent waiting
    /// for the connection does not count), and that is said as the file not answering in time.
    func read<T: Sendable>(timeLimit: Duration? = nil,
                           _ body: @escaping @Sendable (Database, Connection) throws -> T) async throws -> T {
        let connection = try current()
        do {
            return try await read(on: connection, timeLimit: timeLimit, body)
        } catch let error as DatabaseError where Self.mayBeStale(error) && connection.identity != nil {
            let fresh = try current(reopening: true)
            do {
                return try await read(on: fresh, timeLimit: timeLimit, body)
            } catch {
                throw SQLiteFailure.sourceError(error, fileName: fileName)
            }
        } catch let error as SourceError {
            throw error
        } catch {
            throw SQLiteFailure.sourceError(error, fileName: fileName)
        }
    }

    private func read<T: Sendable>(on connection: Connection, timeLimit: Duration?,
                                   _ body: @escaping @Sendable (Database, Connection) throws -> T) async throws -> T {
        let watchdog = timeLimit.map { QueryWatchdog(database: connection.database, limit: $0) }
        do {
            return try await connection.database.read { db in
                watchdog?.start()
                defer { watchdog?.finish() }
                return try body(db, connection)
            }
        } catch {
            guard let watchdog, watchdog.fired else { throw error }
            throw SourceError(.unavailable, "\(fileName) did not answer within \(Int(watchdog.limit.components.seconds)) "
                              + "seconds; try a shorter range, or again later")
        }
    }

    private static func mayBeStale(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }
}
