import ChanstatCore
import Foundation
import GRDB
import GRDBSQLite

/// Writes Chatwoot-shaped sample data (README "Command line"): one transaction, prepared statements, the index
/// built after the rows (sorting once is far cheaper than keeping an index ordered through 5M inserts).
public enum SampleWriter {
    public typealias Progress = (_ written: Int, _ total: Int) -> Void

    /// Writes a new file atomically: into a temporary file beside `path`, renamed over it only when complete,
    /// so a failed or interrupted run never leaves half a file or destroys an existing one.
    public static func write(_ options: SampleOptions, to path: String, replace: Bool,
                             progress: Progress? = nil) throws -> [SampleCredential] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        // --force replaces a file, never a directory: say so before suggesting it.
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw SourceError(.refused, "\(path) is a directory: give --out the name of the file to write, "
                              + "e.g. \((path as NSString).appendingPathComponent("sample.sqlite"))")
        }
        if fileManager.fileExists(atPath: path), !replace {
            throw SourceError(.refused, "\(path) already exists; use --force to replace it")
        }
        let temporary = temporaryPath(for: path)
        try? fileManager.removeItem(atPath: temporary)
        defer { try? fileManager.removeItem(atPath: temporary) }
        try createEmpty(temporary, mode: replacedMode(of: path) ?? 0o600, shownAs: path)
        let credentials: [SampleCredential]
        do {
            let database = try DatabaseQueue(path: temporary)
            credentials = try database.writeWithoutTransaction { db in
                // A scratch file: nothing to protect until the rename, so no journal and no fsync.
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
                var made: [SampleCredential] = []
                try db.inTransaction {
                    made = try populate(db, options: options, progress: progress)
                    return .commit
                }
                return made
            }
            try database.close()
        } catch let error as DatabaseError {
            throw SourceError(.unavailable, "cannot write \(path): \(error.message ?? "\(error.resultCode)")")
        }
        guard rename(temporary, path) == 0 else {
            throw SourceError(.unavailable, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return credentials
    }

    /// The file holds access tokens: a new one is 0600, whatever the umask; one written over an existing file
    /// (`--force`) keeps that file's mode, which its owner chose. SQLite would create the file 0644 (less the
    /// umask), so the file is created here, empty, with its mode set before anything is written to it.
    private static func createEmpty(_ temporary: String, mode: mode_t, shownAs path: String) throws {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw SourceError(.unavailable, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, mode) == 0 else {
            throw SourceError(.unavailable, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// The permission bits of the regular file `--force` replaces; nil when there is none.
    private static func replacedMode(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0, FileKind(mode: info.st_mode) == .regular else { return nil }
        return info.st_mode & 0o777
    }

    /// The file written before the rename (`SampleCommand` removes it when a signal ends the process, where
    /// the `defer` above never runs).
    public static func temporaryPath(for path: String) -> String {
        path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Creates the schema and fills it; `db` may be a file or memory (the dashboard's built-in demo).
    public static func populate(_ db: Database, options: SampleOptions,
                                progress: Progress? = nil) throws -> [SampleCredential] {
        var plan = SamplePlan(options: options)
        try db.execute(sql: ChatwootSchema.ddl)
        for (index, name) in plan.accountNames.enumerated() {
            try db.execute(sql: "INSERT INTO accounts (id, name) VALUES (?, ?)", arguments: [index + 1, name])
        }
        for inbox in plan.inboxes {
            try db.execute(sql: "INSERT INTO inboxes (id, account_id, name, channel_type) VALUES (?, ?, ?, ?)",
                           arguments: [inbox.id, inbox.accountID, inbox.name, inbox.channelType])
        }
        let (users, botToken) = plan.users()
        for user in users {
            try db.execute(sql: "INSERT INTO users (id, name, email) VALUES (?, ?, ?)",
                           arguments: [user.id, user.name, user.email])
            try db.execute(sql: "INSERT INTO account_users (account_id, user_id, role) VALUES (?, ?, ?)",
                           arguments: [user.accountID, user.id, user.roleCode])
            try db.execute(sql: "INSERT INTO access_tokens (owner_type, owner_id, token) VALUES ('User', ?, ?)",
                           arguments: [user.id, user.token])
        }
        try db.execute(sql: "INSERT INTO access_tokens (owner_type, owner_id, token) VALUES ('AgentBot', 1, ?)",
                       arguments: [botToken])
        try writeConversations(db, plan: &plan, progress: progress)
        try db.execute(sql: ChatwootSchema.recommendedIndex)
        return plan.credentials(users: users, botToken: botToken)
    }

    /// The hot loop: millions of rows, so it binds and steps the prepared statement through the C API
    /// rather than building argument arrays per row.
    private static func writeConversations(_ db: Database, plan: inout SamplePlan, progress: Progress?) throws {
        let statement = try db.makeStatement(
            sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (?, ?, ?, ?)")
        let handle = statement.sqliteStatement
        let total = plan.options.conversations
        let reportEvery = max(total / 10, 1)
        let timestampForm = plan.options.timestampForm
        var written = 0
        try plan.forEachConversation { conversation in
            sqlite3_reset(handle)
            sqlite3_bind_int64(handle, 1, conversation.accountID)
            sqlite3_bind_int64(handle, 2, conversation.inboxID)
            sqlite3_bind_int64(handle, 3, Int64(conversation.status.rawValue))
            switch timestampForm {
            case .unixSeconds:
                sqlite3_bind_int64(handle, 4, conversation.createdAt)
            case .utcText:
                // SQLITE_TRANSIENT: SQLite copies the text before the Swift string goes away.
                sqlite3_bind_text(handle, 4, TimestampForm.utcText(conversation.createdAt), -1,
                                  unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            written += 1
            if written % reportEvery == 0 { progress?(written, total) }
        }
    }
}
