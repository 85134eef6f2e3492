import Foundation
import Testing

/// The SQLite file changing under the running dashboard (issue 5, "Faults"): deleted, truncated to nothing
/// or to half, replaced by another file renamed over it. On `r` the last data stays, marked stale with a
/// sentence that says what happened to the file; a good file back at the path is read again.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct FileFaultTests {
    let timeout = DashboardHarness.timeout

    /// What is done to the file, and the words the stale banner must contain.
    enum Fault: String, CaseIterable, CustomTestStringConvertible {
        case deleted, truncatedToZero, truncatedToHalf
        var testDescription: String { rawValue }

        var sentence: String {
            switch self {
            case .deleted: return "dash.sqlite is gone (deleted or moved away)"
            case .truncatedToZero: return "dash.sqlite is empty (0 bytes)"
            case .truncatedToHalf: return "dash.sqlite is shorter than its header says"
            }
        }

        func apply(to path: String) throws {
            switch self {
            case .deleted: try FileManager.default.removeItem(atPath: path)
            case .truncatedToZero: #expect(truncate(path, 0) == 0)
            case .truncatedToHalf:
                let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
                #expect(truncate(path, off_t(size / 2)) == 0)
            }
        }
    }

    /// Starts the dashboard on week A and waits for its rows.
    func startOnWeekA(_ fixture: DashboardFixture) throws -> TmuxSession {
        // Wide enough for the whole stale sentence.
        try DashboardHarness.onWeekA(fixture, width: 160)
    }

    /// Presses `r` and waits for the stale banner to contain `sentence`, with week A's rows still there.
    func refreshExpectingStale(_ session: TmuxSession, _ sentence: String) throws {
        try session.sendKeys("r")
        let screen = try session.waitUntil(timeout: timeout, "the stale banner saying \"\(sentence)\"") {
            $0.contains("Stale (data from ") && $0.contains(sentence)
        }
        #expect(DashboardEndToEndTests.hasRows(ExpectedRows.weekA)(screen), "the last data must stay:\n\(screen)")
    }

    /// Presses `r` and waits for the banner to go and `rows` to be shown.
    func refreshExpectingRows(_ session: TmuxSession, _ rows: [String]) throws {
        try session.sendKeys("r")
        try session.waitUntil(timeout: timeout, "fresh rows without the stale banner") { screen in
            !screen.contains("Stale") && !screen.contains("refreshing") && DashboardEndToEndTests.hasRows(rows)(screen)
        }
    }

    @Test(arguments: Fault.allCases)
    func aBrokenFileKeepsTheLastDataStaleAndAGoodFileBackRecovers(fault: Fault) throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let good = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
        let session = try startOnWeekA(fixture)
        defer { session.close() }

        try fault.apply(to: fixture.path)
        try refreshExpectingStale(session, fault.sentence)

        // The good bytes back at the path: written in place over a truncated file, a new file after a delete.
        try good.write(to: URL(fileURLWithPath: fixture.path))
        try refreshExpectingRows(session, ExpectedRows.weekA)
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }

    /// A new file renamed over the old one (how a nightly export replaces it) is opened in its place: the
    /// user sees the new numbers, not the old file's ghost through the still-open connection.
    @Test func aFileRenamedOverTheOldOneIsReadOnTheNextRefresh() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try startOnWeekA(fixture)
        defer { session.close() }

        let replacement = try DashboardFixture()
        defer { replacement.remove() }
        try replacement.addWebsiteConversations(open: 5, createdAt: 1_767_776_400)  // 2026-01-07 09:00 UTC
        #expect(rename(replacement.path, fixture.path) == 0)

        let website = ExpectedRows.row("Website", 8, 2, 1, 4, 15)
        try refreshExpectingRows(session, [website, ExpectedRows.weekAEmail, ExpectedRows.row("Total", 9, 2, 1, 6, 18)])

        // A replacement that is not a database: stale, with the reason, and the newer data kept.
        let garbage = fixture.directory.appendingPathComponent("garbage")
        try Data("not a database at all".utf8).write(to: garbage)
        #expect(rename(garbage.path, fixture.path) == 0)
        try session.sendKeys("r")
        let screen = try session.waitUntil(timeout: timeout, "the stale banner for a replaced file") {
            $0.contains("dash.sqlite was replaced, and the new file cannot be used")
        }
        #expect(DashboardEndToEndTests.hasRow(screen, website), "the last data must stay:\n\(screen)")
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }
}
