@testable import ChanstatSQLite
import ChanstatCore
import Foundation
import GRDB
import Testing
import ChanstatTestSupport

/// Every way a file can be wrong: one sentence that names the problem, and the file left as it was.
@Suite struct FileErrorTests {
    /// The error of opening `path` and reporting the week, whichever step fails.
    func failure(_ path: String, account: Int64? = 1, busyTimeout: TimeInterval = 0.2) async -> SourceError? {
        do {
            let source = try SQLiteReportSource(path: path, accountID: account, busyTimeout: busyTimeout)
            _ = try await source.summary(for: DateRange(since: Week.since, until: Week.until))
            return nil
        } catch let error as SourceError {
            return error
        } catch {
            Issue.record("not a SourceError: \(error)")
            return nil
        }
    }

    @Test func noSuchFileAndNoFileIsCreated() async throws {
        let scratch = try Scratch()
        let path = scratch.path("missing.sqlite")
        let error = await failure(path)
        #expect(error == SourceError(.unavailable, "no such file: \(path)"))
        #expect(try scratch.listing() == [])
    }

    @Test func aDirectory() async throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("dir.sqlite"), withIntermediateDirectories: false)
        let error = await failure(scratch.path("dir.sqlite"))
        #expect(error == SourceError(.unavailable, "\(scratch.path("dir.sqlite")) is a directory, not a SQLite file"))
    }

    @Test func notADatabase() async throws {
        let scratch = try Scratch()
        var random = SplitMix64(seed: 42)
        let bytes = Data((0..<8192).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        try bytes.write(to: URL(fileURLWithPath: scratch.path("noise.sqlite")))
        let error = await failure(scratch.path("noise.sqlite"))
        #expect(error == SourceError(.badData, "noise.sqlite is not a SQLite database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path("noise.sqlite"))) == bytes)
        #expect(try scratch.listing() == ["noise.sqlite"])
    }

    @Test func anEmptyFileIsNotAChatwootFile() async throws {
        let scratch = try Scratch()
        #expect(FileManager.default.createFile(atPath: scratch.path("empty.sqlite"), contents: Data()))
        let error = await failure(scratch.path("empty.sqlite"))
        #expect(error?.kind == .badData)
        #expect(error?.message.hasPrefix("empty.sqlite has no table \"accounts\"") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path("empty.sqlite"))).isEmpty)
    }

    @Test func aCorruptDatabase() async throws {
        let scratch = try Scratch()
        let path = scratch.path("corrupt.sqlite")
        try Week.fixture(.unix, index: true).write(to: path)
        // Keep page 1 (header and schema) intact; overwrite every other page with garbage.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
        #expect(bytes.count >= 3 * pageSize)
        for offset in pageSize..<bytes.count { bytes[offset] = UInt8(truncatingIfNeeded: offset &* 31 &+ 7) }
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = await failure(path)
        #expect(error?.kind == .badData)
        #expect(error?.message.hasPrefix("corrupt.sqlite is corrupt (SQLite says: ") == true, "\(String(describing: error))")
        #expect(error?.message.hasSuffix("); restore it from a backup or export it again") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test(arguments: ["accounts", "inboxes", "conversations"])
    func aMissingTableIsNamed(table: String) async throws {
        let scratch = try Scratch()
        let path = scratch.path("partial.sqlite")
        try Week.fixture(.unix, index: false).write(to: path)
        try await DatabaseQueue(path: path).write { db in try db.execute(sql: "DROP TABLE \(table)") }
        let error = await failure(path)
        #expect(error == SourceError(.badData, "partial.sqlite has no table \"\(table)\": it is not a Chatwoot-shaped "
                                     + "file (see sample-data/schema.sql)"))
    }

    @Test(arguments: [("inboxes", "channel_type"), ("conversations", "status"), ("conversations", "created_at"),
                      ("conversations", "account_id"), ("conversations", "inbox_id"), ("accounts", "name")])
    func aMissingColumnIsNamed(table: String, column: String) async throws {
        let scratch = try Scratch()
        let path = scratch.path("old.sqlite")
        try Week.fixture(.unix, index: false).write(to: path)
        try await DatabaseQueue(path: path).write { db in
            try db.execute(sql: "ALTER TABLE \(table) DROP COLUMN \(column)")
        }
        let error = await failure(path)
        #expect(error == SourceError(.badData, "table \"\(table)\" in old.sqlite has no column \"\(column)\" "
                                     + "(see sample-data/schema.sql)"))
    }

    @Test func extraTablesAndColumnsAreIgnoredAndColumnCaseDoesNotMatter() async throws {
        let scratch = try Scratch()
        let path = scratch.path("rich.sqlite")
        var fixture = Week.fixture(.unix, index: true)
        fixture.conversationsDDL = """
            CREATE TABLE conversations (ID INTEGER PRIMARY KEY, Account_Id INTEGER NOT NULL, INBOX_ID INTEGER NOT NULL,
                                        Status INTEGER NOT NULL DEFAULT 0, Created_At NOT NULL, uuid TEXT,
                                        priority INTEGER);
            CREATE TABLE messages (id INTEGER PRIMARY KEY, conversation_id INTEGER)
            """
        try fixture.write(to: path)
        let source = try SQLiteReportSource(path: path, accountID: 1)
        #expect(ReportJSON.encode(try await source.summary(for: DateRange(since: Week.since, until: Week.until)))
                == Week.accountOneJSON)
    }

    @Test func noSuchAccountListsTheAccounts() async throws {
        let scratch = try Scratch()
        try Week.fixture(.unix, index: true).write(to: scratch.path("c.sqlite"))
        let error = await failure(scratch.path("c.sqlite"), account: 3)
        #expect(error == SourceError(.refused, "c.sqlite has no account 3; accounts: 1 (Acme), 2 (Globex)"))
    }

    @Test func severalAccountsNeedAnAccount() async throws {
        let scratch = try Scratch()
        try Week.fixture(.unix, index: true).write(to: scratch.path("c.sqlite"))
        let error = await failure(scratch.path("c.sqlite"), account: nil)
        #expect(error == SourceError(.refused, "c.sqlite has several accounts; choose one with --account ID: "
                                     + "accounts: 1 (Acme), 2 (Globex)"))
    }

    @Test func theOnlyAccountIsChosen() async throws {
        let scratch = try Scratch()
        var fixture = Week.fixture(.unix, index: true)
        fixture.accounts = [(7, "Solo \u{1B}[31mCo")]
        fixture.conversations = [.init(account: 7, inbox: 3, status: 3, createdAt: Week.since)]
        try fixture.write(to: scratch.path("solo.sqlite"))
        let source = try SQLiteReportSource(path: scratch.path("solo.sqlite"), accountID: nil)
        #expect(source.account == .init(id: 7, name: "Solo \u{1B}[31mCo"))
        #expect(source.displayName == "solo.sqlite, account 7 (Solo \u{FFFD}[31mCo)")
        #expect(ReportJSON.encode(try await source.summary(for: DateRange(since: Week.since, until: Week.until)))
                == #"{"Channel::Email":{"open":0,"resolved":0,"pending":0,"snoozed":1,"total":1}}"#)
    }

    @Test func noAccounts() async throws {
        let scratch = try Scratch()
        var fixture = Week.fixture(.unix, index: true)
        fixture.accounts = []
        try fixture.write(to: scratch.path("none.sqlite"))
        #expect(await failure(scratch.path("none.sqlite"), account: nil)
                == SourceError(.badData, "none.sqlite has no accounts"))
        #expect(await failure(scratch.path("none.sqlite"), account: 1)
                == SourceError(.refused, "none.sqlite has no account 1; it has no accounts"))
    }

    // MARK: A writer holding the file

    static let lockedMessage = "c.sqlite is locked by a program writing to it; try again in a moment"

    /// A connection that holds `BEGIN EXCLUSIVE` until `release()`.
    final class Writer: @unchecked Sendable {
        let queue: DatabaseQueue
        init(_ path: String) throws {
            var configuration = Configuration()
            configuration.allowsUnsafeTransactions = true
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN EXCLUSIVE")
                try db.execute(sql: "INSERT INTO accounts (id, name) VALUES (3, 'Initech')")
            }
        }
        func release() throws {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
            try queue.close()
        }
    }

    @Test func openingAFileLockedByAWriter() async throws {
        let scratch = try Scratch()
        try Week.fixture(.unix, index: true).write(to: scratch.path("c.sqlite"))
        let writer = try Writer(scratch.path("c.sqlite"))
        #expect(await failure(scratch.path("c.sqlite")) == SourceError(.unavailable, Self.lockedMessage))
        try writer.release()
        #expect(await failure(scratch.path("c.sqlite")) == nil)
    }

    @Test func reportingWhileAWriterHoldsTheFile() async throws {
        let scratch = try Scratch()
        try Week.fixture(.unix, index: true).write(to: scratch.path("c.sqlite"))
        let source = try SQLiteReportSource(path: scratch.path("c.sqlite"), accountID: 1, busyTimeout: 0.2)
        let writer = try Writer(scratch.path("c.sqlite"))
        await #expect(throws: SourceError(.unavailable, Self.lockedMessage)) {
            try await source.summary(for: DateRange(since: Week.since, until: Week.until))
        }
        try writer.release()
        let summary = try await source.summary(for: DateRange(since: Week.since, until: Week.until))
        #expect(ReportJSON.encode(summary) == Week.accountOneJSON)
    }

    @Test func aShortLockIsWaitedFor() async throws {
        let scratch = try Scratch()
        try Week.fixture(.unix, index: true).write(to: scratch.path("c.sqlite"))
        let source = try SQLiteReportSource(path: scratch.path("c.sqlite"), accountID: 1, busyTimeout: 30)
        let writer = try Writer(scratch.path("c.sqlite"))
        // The writer lets go while the report is retrying: the report then succeeds. A thread of its own, not a
        // task: with the whole suite running, the two-thread cooperative pool can be busy with other tests' blocking
        // work for longer than the retry lasts, and the writer would never let go in time.
        let released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            try? writer.release()
            released.signal()
        }
        let summary = try await source.summary(for: DateRange(since: Week.since, until: Week.until))
        released.wait()
        #expect(ReportJSON.encode(summary) == Week.accountOneJSON)
    }

    @Test func theDefaultRetryIsShort() {
        #expect(SQLiteReportSource.busyTimeout > 0 && SQLiteReportSource.busyTimeout <= 5)
    }
}
