import ChanstatCore
import Foundation
import GRDB

/// A read-only connection to whatever file is at a path now, for the readers that live long (the dashboard,
/// `serve`). An open SQLite connection keeps reading the inode it opened, so without this a file deleted or
/// replaced under a running reader goes on answering with the old data and nothing ever says so.
///
/// Before each read: a deleted or truncated file is an error that says so (the last good answer is the
/// caller's to keep); a new file renamed over the path is opened in the old one's place, since whoever replaced
/// it wants its data seen, and it must pass the same checks the first file passed.
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
    /// The path's identity when it last passed the length check: while the inode and size stay the same the
    /// header is not read again, so a request costs one stat(2), not an open and a read as well.
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
    /// empty or short file is "unavailable" (serve: 503 with Retry-After): it is usually a copy in progress.
    func current() throws -> Connection {
        let opened = lastOpened
        guard let path, opened.identity != nil else { return opened }
        guard let identity = FileIdentity.at(path) else {
            throw SourceError(.unavailable, "\(fileName) is gone (deleted or moved away); it is read again when it is back")
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
        if let openedIdentity = opened.identity, identity.isSameFile(as: openedIdentity) { return opened }
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
            throw SourceError(reason.kind, "\(fileName) was replaced, and the new file cannot be used: \(reason.message)")
        }
    }
}
