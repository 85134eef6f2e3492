import ChanstatTestSupport
import Foundation
import GRDB

/// Versions of the dashboard fixture that differ only in five conversations added in one transaction: the
/// files have the same size and the same change counter in their SQLite header, so bytes of one copied over
/// another in place (`cp`, `cat >`) look unchanged to SQLite, which then keeps its page cache and answers
/// with the old file's rows. That is the hard case of a file replaced in place (SPEC 14).
enum InPlaceVariant: CaseIterable {
    /// Five open conversations in 2025: week A as the plain fixture has it.
    case outsideWeekA
    /// Five open Website conversations on 2026-01-07.
    case openInWeekA
    /// Five resolved Website conversations on 2026-01-07.
    case resolvedInWeekA

    /// Week A's rows on the dashboard (`report` prints the same numbers).
    var weekARows: [String] {
        switch self {
        case .outsideWeekA: return ExpectedRows.weekA
        case .openInWeekA:
            return [ExpectedRows.row("Website", 8, 2, 1, 4, 15), ExpectedRows.weekAEmail, ExpectedRows.row("Total", 9, 2, 1, 6, 18)]
        case .resolvedInWeekA:
            return [ExpectedRows.row("Website", 3, 2, 1, 9, 15), ExpectedRows.weekAEmail, ExpectedRows.row("Total", 4, 2, 1, 11, 18)]
        }
    }

    /// A new fixture directory holding this version as dash.sqlite.
    func write() throws -> DashboardFixture {
        let fixture = try DashboardFixture()
        let (status, createdAt): (Int, Int64) = switch self {
        case .outsideWeekA: (0, 1_748_736_000)  // 2025-06-01
        case .openInWeekA: (0, 1_767_776_400)  // 2026-01-07 09:00 UTC
        case .resolvedInWeekA: (1, 1_767_776_400)
        }
        let queue = try DatabaseQueue(path: fixture.path)
        try queue.write { db in
            for _ in 0..<5 {
                try db.execute(sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, 1, ?, ?)",
                               arguments: [status, createdAt])
            }
        }
        try queue.close()
        return fixture
    }

    /// Each version in a fixture of its own, in `allCases` order, once it is checked that they have the same size
    /// and change counter (header bytes 24-27): the premise of the tests that use them.
    static func writeLookAlikes() throws -> [DashboardFixture] {
        let fixtures = try allCases.map { try $0.write() }
        let headers = try fixtures.map { fixture in
            let data = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
            return [UInt8](data[24..<28]) + withUnsafeBytes(of: data.count) { Array($0) }
        }
        guard Set(headers).count == 1 else {
            fixtures.forEach { $0.remove() }
            throw UnmetCondition(description: "the versions of the fixture differ in size or change counter")
        }
        return fixtures
    }

    /// Writes `source`'s bytes over `destination` in place, as `cp` does (the inode is kept).
    static func copy(_ source: String, over destination: String) throws {
        let run = try Shell.run("cp", [source, destination])
        try ensure(run.status == 0, run.stderr)
    }

    /// Writes `source`'s bytes over `destination` through the shell's `>` (truncated first, the inode kept).
    static func cat(_ source: String, over destination: String) throws {
        let run = try Shell.run("sh", ["-c", "cat \"$1\" > \"$2\"", "sh", source, destination])
        try ensure(run.status == 0, run.stderr)
    }
}

/// A check inside `OffThePool.run`, where there is no current test: `#require` there records its issue against no
/// test (and the test passes), while a thrown error fails the test that awaited the block.
func ensure(_ condition: Bool, _ what: @autoclosure () -> String, at location: StaticString = #fileID,
            line: UInt = #line) throws {
    guard condition else { throw UnmetCondition(description: "\(location):\(line): \(what())") }
}

struct UnmetCondition: Error, CustomStringConvertible {
    let description: String
}
