import ChanstatCore
import Foundation
import GRDB

/// The report over a Chatwoot-shaped SQLite file (SPEC section 2), opened read-only: the file's bytes and
/// mtime never change and no journal or WAL file appears, so a file with mode 0444 works too.
public final class SQLiteReportSource: ReportSource {
    public struct Account: Equatable, Sendable {
        public let id: Int64
        public let name: String
    }

    public let displayName: String
    public let account: Account
    let fileName: String
    /// The file's path, watched before every report (see `FileIdentity`); nil for the in-memory demo.
    private let path: String?
    private let connection: ConnectionSlot
    private let busyTimeout: TimeInterval
    var database: DatabaseQueue { connection.value.database }
    var layout: FileLayout { connection.value.layout }

    /// How long a read waits for a writer that holds the file before it gives up with a message.
    public static let busyTimeout: TimeInterval = 2

    /// Opens a file. Throws a `SourceError` for every way it can be wrong, naming the problem.
    /// `busyTimeout` is how long to retry while a writer holds the file (tests make it short).
    public convenience init(path: String, accountID: Int64?,
                            busyTimeout: TimeInterval = SQLiteReportSource.busyTimeout) throws {
        let identity = FileIdentity.at(path)
        let (database, fileName) = try Self.openReadOnly(path: path, busyTimeout: busyTimeout)
        try self.init(database: database, fileName: fileName, accountID: accountID,
                      required: ChatwootSchema.reportColumns, path: path, identity: identity, busyTimeout: busyTimeout)
    }

    /// The read-only connection every reader of a file uses (`report`, the dashboard and `serve`):
    /// it can never write, and waits `busyTimeout` for a writer before it gives up.
    static func openReadOnly(path: String,
                             busyTimeout: TimeInterval = SQLiteReportSource.busyTimeout) throws -> (DatabaseQueue, fileName: String) {
        let fileName = (path as NSString).lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SourceError(.unavailable, "no such file: \(TerminalSafeText.sanitize(path))")
        }
        guard !isDirectory.boolValue else {
            throw SourceError(.unavailable, "\(TerminalSafeText.sanitize(path)) is a directory, not a SQLite file")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "chanstat.sqlite"
        do {
            return (try DatabaseQueue(path: path, configuration: configuration), fileName)
        } catch {
            throw SQLiteFailure.sourceError(error, fileName: fileName)
        }
    }

    /// Any database, file or in memory (the built-in demo). `required` are the tables the caller needs.
    init(database: DatabaseQueue, fileName: String, accountID: Int64?,
         required: [(table: String, columns: [String])], path: String? = nil, identity: FileIdentity? = nil,
         busyTimeout: TimeInterval = SQLiteReportSource.busyTimeout) throws {
        self.fileName = fileName
        self.path = path
        self.busyTimeout = busyTimeout
        let layout: FileLayout
        do {
            (layout, account) = try database.read { db in
                let layout = try FileLayout.inspect(db, fileName: fileName, required: required)
                return (layout, try Self.chooseAccount(db, requested: accountID, fileName: fileName))
            }
        } catch {
            throw SQLiteFailure.sourceError(error, fileName: fileName)
        }
        connection = ConnectionSlot(Connection(database: database, layout: layout, identity: identity))
        displayName = "\(TerminalSafeText.sanitize(fileName, maxCharacters: 60)), account \(account.id) "
            + "(\(TerminalSafeText.sanitize(account.name, maxCharacters: 40)))"
    }

    /// SPEC section 2: `--account ID`; without it, the only account in the file, or an error that lists them.
    private static func chooseAccount(_ db: Database, requested: Int64?, fileName: String) throws -> Account {
        let rows = try Row.fetchAll(db, sql: "SELECT id, name FROM accounts ORDER BY id LIMIT 21")
        let accounts = rows.map { Account(id: $0["id"] ?? 0, name: ($0["name"] as String?) ?? "") }
        if let requested {
            if let name = try String.fetchOne(db, sql: "SELECT name FROM accounts WHERE id = ?", arguments: [requested]) {
                return Account(id: requested, name: name)
            }
            throw SourceError(.refused, "\(fileName) has no account \(requested); \(listing(accounts))")
        }
        switch accounts.count {
        case 0: throw SourceError(.badData, "\(fileName) has no accounts")
        case 1: return accounts[0]
        default: throw SourceError(.refused, "\(fileName) has several accounts; choose one with --account ID: "
                                   + listing(accounts))
        }
    }

    private static func listing(_ accounts: [Account]) -> String {
        guard !accounts.isEmpty else { return "it has no accounts" }
        let shown = accounts.prefix(20).map { "\($0.id) (\(TerminalSafeText.sanitize($0.name, maxCharacters: 30)))" }
        return "accounts: " + shown.joined(separator: ", ") + (accounts.count > 20 ? ", …" : "")
    }

    public func summary(for range: DateRange) async throws -> ChannelSummary {
        let current = try connectionToCurrentFile()
        let layout = current.layout, accountID = account.id, fileName = self.fileName
        do {
            return try await current.database.read { db in
                try Self.query(db, layout: layout, account: accountID, range: range, fileName: fileName)
            }
        } catch {
            throw SQLiteFailure.sourceError(error, fileName: fileName)
        }
    }

    /// The connection to the file at the path now. A deleted or truncated file is an error that says so
    /// (the dashboard keeps its last data, marked stale); a new file renamed over the path is opened in the
    /// old one's place, since whoever replaced it wants its data seen, and checked like the first one was.
    private func connectionToCurrentFile() throws -> Connection {
        let current = connection.value
        guard let path else { return current }
        guard let identity = FileIdentity.at(path) else {
            throw SourceError(.unavailable, "\(fileName) is gone (deleted or moved away); it is read again when it is back")
        }
        if let expected = FileIdentity.expectedLength(ofDatabaseAt: path), identity.size < expected {
            throw SourceError(.badData, "\(fileName) is shorter than its header says (\(identity.size) of \(expected) bytes): "
                              + "it was truncated or is still being copied")
        }
        if identity.size == 0 {
            throw SourceError(.badData, "\(fileName) is empty (0 bytes): it was truncated or is still being written")
        }
        if let opened = current.identity, identity.isSameFile(as: opened) { return current }
        do {
            let (database, _) = try Self.openReadOnly(path: path, busyTimeout: busyTimeout)
            let accountID = account.id, fileName = self.fileName
            let layout = try database.read { db in
                let layout = try FileLayout.inspect(db, fileName: fileName, required: ChatwootSchema.reportColumns)
                _ = try Self.chooseAccount(db, requested: accountID, fileName: fileName)
                return layout
            }
            let reopened = Connection(database: database, layout: layout, identity: identity)
            connection.value = reopened
            return reopened
        } catch {
            let reason = SQLiteFailure.sourceError(error, fileName: fileName)
            throw SourceError(reason.kind, "\(fileName) was replaced, and the new file cannot be used: \(reason.message)")
        }
    }

    /// The one aggregate query of a report (see ReportQuery for the two shapes).
    static func query(_ db: Database, layout: FileLayout, account: Int64, range: DateRange,
                      fileName: String) throws -> ChannelSummary {
        let sql = layout.hasRecommendedIndex ? ReportQuery.indexed : ReportQuery.scan
        let arguments: StatementArguments = ["account": account,
                                             "since": layout.timestampForm.bound(range.since),
                                             "until": layout.timestampForm.bound(range.until)]
        var summary = ChannelSummary()
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            // channel_type is NOT NULL in the schema, but a file is untrusted: NULL groups as "".
            let channelType: String = row[1] ?? ""
            guard summary.add(channelType: channelType, statusCode: row[2], count: row[3] ?? 0) else {
                throw SourceError(.badData, "\(fileName) holds more conversations than a 64-bit count can hold")
            }
        }
        return summary
    }
}

extension SQLiteReportSource {
    /// A read-only connection and what it was opened on.
    struct Connection: Sendable {
        let database: DatabaseQueue
        let layout: FileLayout
        /// nil for a database that is not a file at a path (the demo).
        let identity: FileIdentity?
    }

    /// The connection in use, swapped under a lock when the file is replaced; loads may run concurrently.
    final class ConnectionSlot: @unchecked Sendable {
        private let lock = NSLock()
        private var connection: Connection

        init(_ connection: Connection) {
            self.connection = connection
        }

        var value: Connection {
            get { lock.withLock { connection } }
            set { lock.withLock { connection = newValue } }
        }
    }
}
