import ChanstatCore
import Foundation
import GRDB
import GRDBSQLite

/// A user and token that `sample` created, printed so that `serve` can be tried at once.
public struct SampleCredential: Sendable, Equatable {
    public let accountID: Int64
    public let accountName: String
    public let role: String
    public let token: String
}

/// Writes Chatwoot-shaped sample data (SPEC section 5): one transaction, prepared statements, the index
/// built after the rows (sorting once is far cheaper than keeping an index ordered through 5M inserts).
public enum SampleWriter {
    public typealias Progress = (_ written: Int, _ total: Int) -> Void

    /// Writes a new file atomically: into a temporary file beside `path`, renamed over it only when complete,
    /// so a failed or interrupted run never leaves half a file or destroys an existing one.
    public static func write(_ options: SampleOptions, to path: String, replace: Bool,
                             progress: Progress? = nil) throws -> [SampleCredential] {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: path), !replace {
            throw SourceError(.refused, "\(path) already exists; use --force to replace it")
        }
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? fileManager.removeItem(atPath: temporary)
        defer { try? fileManager.removeItem(atPath: temporary) }
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

    /// Creates the schema and fills it; `db` may be a file or memory (the dashboard's built-in demo).
    public static func populate(_ db: Database, options: SampleOptions,
                                progress: Progress? = nil) throws -> [SampleCredential] {
        var random = SplitMix64(seed: options.seed)
        let plan = SamplePlan(options: options, random: &random)
        try db.execute(sql: ChatwootSchema.ddl)
        for (index, name) in plan.accountNames.enumerated() {
            try db.execute(sql: "INSERT INTO accounts (id, name) VALUES (?, ?)", arguments: [index + 1, name])
        }
        for inbox in plan.inboxes {
            try db.execute(sql: "INSERT INTO inboxes (id, account_id, name, channel_type) VALUES (?, ?, ?, ?)",
                           arguments: [inbox.id, inbox.accountID, inbox.name, inbox.channelType])
        }
        let credentials = try writeUsers(db, plan: plan, random: &random)
        try writeConversations(db, plan: plan, random: &random, progress: progress)
        try db.execute(sql: ChatwootSchema.recommendedIndex)
        return credentials
    }

    /// One administrator and one agent per account, each with a token; and one bot token, which `serve` refuses.
    private static func writeUsers(_ db: Database, plan: SamplePlan,
                                   random: inout SplitMix64) throws -> [SampleCredential] {
        var credentials: [SampleCredential] = []
        var userID: Int64 = 0
        for (index, accountName) in plan.accountNames.enumerated() {
            for (role, code) in [("administrator", 1), ("agent", 0)] {
                userID += 1
                let token = makeToken(&random)
                try db.execute(sql: "INSERT INTO users (id, name, email) VALUES (?, ?, ?)",
                               arguments: [userID, "\(accountName) \(role)", "\(role)\(index + 1)@example.com"])
                try db.execute(sql: "INSERT INTO account_users (account_id, user_id, role) VALUES (?, ?, ?)",
                               arguments: [index + 1, userID, code])
                try db.execute(sql: "INSERT INTO access_tokens (owner_type, owner_id, token) VALUES ('User', ?, ?)",
                               arguments: [userID, token])
                credentials.append(SampleCredential(accountID: Int64(index + 1), accountName: accountName,
                                                    role: role, token: token))
            }
        }
        let botToken = makeToken(&random)
        try db.execute(sql: "INSERT INTO access_tokens (owner_type, owner_id, token) VALUES ('AgentBot', 1, ?)",
                       arguments: [botToken])
        credentials.append(SampleCredential(accountID: 1, accountName: plan.accountNames[0], role: "bot", token: botToken))
        return credentials
    }

    /// 24 letters and digits, the shape of Chatwoot's tokens.
    private static func makeToken(_ random: inout SplitMix64) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<24).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }

    /// The hot loop: millions of rows, so it binds and steps the prepared statement through the C API
    /// rather than building argument arrays per row. Ids follow creation time, as in a real install.
    private static func writeConversations(_ db: Database, plan: SamplePlan, random: inout SplitMix64,
                                           progress: Progress?) throws {
        let statement = try db.makeStatement(
            sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (?, ?, ?, ?)")
        let handle = statement.sqliteStatement
        let accountChoice = plan.accountWeights.cumulativeSums
        let total = plan.options.conversations
        let reportEvery = max(total / 10, 1)
        let firstDayStart = ((plan.options.endInstant - 1).floorDivided(by: 86_400) - Int64(plan.options.days - 1)) * 86_400
        var written = 0
        var seconds: [Int64] = []
        for (dayIndex, count) in plan.conversationsPerDay(random: &random).enumerated() {
            let dayStart = firstDayStart + Int64(dayIndex) * 86_400
            seconds.removeAll(keepingCapacity: true)
            for _ in 0..<count { seconds.append(dayStart + plan.secondOfDay(random: &random)) }
            seconds.sort()
            for createdAt in seconds where createdAt < plan.options.endInstant {
                let account = random.pick(cumulative: accountChoice)
                let (cumulative, indexes) = plan.inboxChoice[account]
                let inbox = plan.inboxes[indexes[random.pick(cumulative: cumulative)]]
                let status = plan.status(ageSeconds: plan.options.endInstant - createdAt, random: &random)
                sqlite3_reset(handle)
                sqlite3_bind_int64(handle, 1, Int64(account + 1))
                sqlite3_bind_int64(handle, 2, inbox.id)
                sqlite3_bind_int64(handle, 3, Int64(status.rawValue))
                switch plan.options.timestampForm {
                case .unixSeconds:
                    sqlite3_bind_int64(handle, 4, createdAt)
                case .utcText:
                    // SQLITE_TRANSIENT: SQLite copies the text before the Swift string goes away.
                    sqlite3_bind_text(handle, 4, TimestampForm.utcText(createdAt), -1,
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
}
