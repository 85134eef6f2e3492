@testable import ChanstatSQLite
import ChanstatCore
import Foundation
import GRDB
import Testing
import ChanstatTestSupport

/// README "Data sources": the file is opened read-only and never changes.
@Suite struct ReadOnlyTests {
    struct Snapshot: Equatable {
        let bytes: Data
        let modified: Date
        let listing: [String]
    }

    func snapshot(_ scratch: Scratch, _ name: String) throws -> Snapshot {
        let attributes = try FileManager.default.attributesOfItem(atPath: scratch.path(name))
        return Snapshot(bytes: try Data(contentsOf: URL(fileURLWithPath: scratch.path(name))),
                        modified: attributes[.modificationDate] as! Date, listing: try scratch.listing())
    }

    /// Opens, reports a few ranges, and also takes the error paths that read the file.
    func exercise(_ path: String) async throws {
        let source = try SQLiteReportSource(path: path, accountID: 1)
        for (since, until) in [(Week.since, Week.until), (0, 86_400), (Week.since - 86_400, Week.until)] as [(Int64, Int64)] {
            _ = try await source.summary(for: DateRange(since: since, until: until))
        }
        #expect(throws: SourceError.self) { try SQLiteReportSource(path: path, accountID: 99) }
        #expect(throws: SourceError.self) { try SQLiteReportSource(path: path, accountID: nil) }
    }

    @Test(arguments: FileVariant.allCases)
    func bytesModificationTimeAndDirectoryAreUnchanged(_ variant: FileVariant) async throws {
        let scratch = try Scratch()
        try Week.fixture(variant.timestamps, index: variant.index).write(to: scratch.path("c.sqlite"))
        // Make the mtime distinguishable from "now", so a touch would show.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)],
                                              ofItemAtPath: scratch.path("c.sqlite"))
        let before = try snapshot(scratch, "c.sqlite")
        #expect(before.listing == ["c.sqlite"])
        try await exercise(scratch.path("c.sqlite"))
        #expect(try snapshot(scratch, "c.sqlite") == before)   // no -journal, -wal or -shm either
    }

    @Test func aWALModeFileGetsOnlyItsShmAndWalSiblings() async throws {
        let scratch = try Scratch()
        try Week.fixture(.unix, index: true).write(to: scratch.path("w.sqlite"))
        let queue = try DatabaseQueue(path: scratch.path("w.sqlite"))
        _ = try await queue.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
        try queue.close()
        let before = try snapshot(scratch, "w.sqlite")
        try await exercise(scratch.path("w.sqlite"))
        // SQLite needs w.sqlite-shm and -wal to read a WAL-mode file, even read-only, and a reader cannot remove
        // them: README "Data sources" says so. They are all that appears (no journal, nothing else).
        let after = try snapshot(scratch, "w.sqlite")
        #expect(after.listing.filter { !before.listing.contains($0) } == ["w.sqlite-shm", "w.sqlite-wal"])
        #expect(after.modified == before.modified)
        // The database file itself is untouched.
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path("w.sqlite"))) == before.bytes)
    }

    @Test func aReadOnlyFileInAReadOnlyDirectoryWorks() async throws {
        let scratch = try Scratch()
        try Week.fixture(.text, index: true).write(to: scratch.path("r.sqlite"))
        #expect(chmod(scratch.path("r.sqlite"), 0o444) == 0)
        #expect(chmod(scratch.url.path, 0o555) == 0)
        defer { chmod(scratch.url.path, 0o755) }
        let before = try snapshot(scratch, "r.sqlite")
        let source = try SQLiteReportSource(path: scratch.path("r.sqlite"), accountID: 1)
        let summary = try await source.summary(for: DateRange(since: Week.since, until: Week.until))
        #expect(ReportJSON.encode(summary) == Week.accountOneJSON)
        #expect(try snapshot(scratch, "r.sqlite") == before)
    }
}
