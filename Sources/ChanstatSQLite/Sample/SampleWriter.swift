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
        // A deleted agent or team has no row: its conversations keep its id.
        for agent in plan.agents where agent.deletedAt == nil {
            try db.execute(sql: "INSERT INTO users (id, name, email, display_name) VALUES (?, ?, ?, ?)",
                           arguments: [agent.id, agent.name, agent.email, agent.displayName])
            try db.execute(sql: "INSERT INTO account_users (account_id, user_id, role) VALUES (?, ?, 0)",
                           arguments: [agent.accountID, agent.id])
        }
        for team in plan.teams where team.deletedAt == nil {
            try db.execute(sql: "INSERT INTO teams (id, account_id, name) VALUES (?, ?, ?)",
                           arguments: [team.id, team.accountID, team.name])
        }
        for tag in plan.tags {
            try db.execute(sql: "INSERT INTO tags (id, name) VALUES (?, ?)", arguments: [tag.id, tag.name])
        }
        try writeConversations(db, plan: &plan, progress: progress)
        try db.execute(sql: ChatwootSchema.recommendedIndex)
        try db.execute(sql: ChatwootSchema.labelIndex)
        return plan.credentials(users: users, botToken: botToken)
    }

    /// The hot loop: millions of rows, so it binds and steps prepared statements through the C API rather
    /// than building argument arrays per row.
    private static func writeConversations(_ db: Database, plan: inout SamplePlan, progress: Progress?) throws {
        // The statements are kept as values until the end: releasing one finalizes its handle.
        let conversationStatement = try db.makeStatement(sql: """
            INSERT INTO conversations (id, account_id, inbox_id, status, created_at, display_id, assignee_id, team_id,
                                       waiting_since, first_reply_created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let taggingStatement = try db.makeStatement(
            sql: "INSERT INTO taggings (tag_id, taggable_type, taggable_id, context) VALUES (?, ?, ?, ?)")
        defer { withExtendedLifetime((conversationStatement, taggingStatement)) {} }
        let conversations = conversationStatement.sqliteStatement, taggings = taggingStatement.sqliteStatement
        let total = plan.options.conversations
        let reportEvery = max(total / 10, 1)
        let timestampForm = plan.options.timestampForm
        // The three instants in the file's one form; an absent one is NULL.
        func bind(_ handle: OpaquePointer?, _ index: Int32, instant: Int64?) {
            guard let instant else { sqlite3_bind_null(handle, index); return }
            switch timestampForm {
            case .unixSeconds:
                sqlite3_bind_int64(handle, index, instant)
            case .utcText:
                sqlite3_bind_text(handle, index, TimestampForm.utcText(instant), -1, transient)
            }
        }
        func bind(_ handle: OpaquePointer?, _ index: Int32, _ value: Int64?) {
            if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
        }
        func step(_ handle: OpaquePointer?) throws {
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            sqlite3_reset(handle)
        }
        var written = 0
        try plan.forEachConversation { conversation in
            bind(conversations, 1, conversation.id)
            bind(conversations, 2, conversation.accountID)
            bind(conversations, 3, conversation.inboxID)
            bind(conversations, 4, Int64(conversation.status.rawValue))
            bind(conversations, 5, instant: conversation.createdAt)
            bind(conversations, 6, conversation.displayID)
            bind(conversations, 7, conversation.assigneeID)
            bind(conversations, 8, conversation.teamID)
            bind(conversations, 9, instant: conversation.waitingSince)
            bind(conversations, 10, instant: conversation.firstReplyAt)
            try step(conversations)
            try conversation.forEachTagging { tagging in
                bind(taggings, 1, tagging.tagID)
                sqlite3_bind_text(taggings, 2, tagging.taggableType, -1, transient)
                bind(taggings, 3, tagging.taggableID)
                sqlite3_bind_text(taggings, 4, tagging.context, -1, transient)
                try step(taggings)
            }
            written += 1
            if written % reportEvery == 0 { progress?(written, total) }
        }
    }

    /// SQLITE_TRANSIENT: SQLite copies the text before the Swift string goes away.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
