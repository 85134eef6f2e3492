import ChanstatCore
import ChanstatSQLite
import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// `report --compare` and `report --by inbox` through the real binary on a SQLite file, and `--compare`
/// through `serve` and the HTTP source, against the hand-counted `CompareFixture`.
@Suite(.serialized) struct CompareAndInboxCommandTests {
    /// A file with the fixture's rows (created_at as Rails text, which the file's form detection reads).
    static func file() throws -> (URL, String) {
        try FixtureFile.make(name: "compare", sql: CompareFixture.inserts)
    }

    func report(_ source: [String], _ extra: [String], _ environment: [String: String] = [:]) throws -> ProcessResult {
        try ChanstatBinary.run(["report"] + source + CompareFixture.arguments + extra, environment: environment)
    }

    /// The table's body, without the two heading lines (source, range) and the blank line after them.
    static func body(_ table: String) -> String {
        table.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).joined(separator: "\n")
    }

    @Test func compareAndInboxesOnAFile() throws {
        let (directory, path) = try Self.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ["--db", path]
        for (extra, expected) in CompareFixture.outputs {
            let run = try report(source, extra)
            #expect(run.status == 0, "\(extra): \(run.stderr)")
            #expect(run.stdout == expected, "\(extra)")
        }
        let table = try report(source, ["--compare"])
        #expect(table.stdout.hasPrefix("compare.sqlite, account 1 (Acme)\nCustom range: 2026-01-08 to 2026-01-14 UTC, "
                                       + "compared with 2026-01-01 to 2026-01-07 UTC\n\n"))
        #expect(Self.body(table.stdout) == CompareFixture.comparisonTable)
        #expect(Self.body(try report(source, ["--by", "inbox"]).stdout) == CompareFixture.inboxTable)
        // The plain payload is unchanged by all this.
        #expect(try report(source, ["--format", "json"]).stdout == """
            {"Channel::Email":{"open":1,"resolved":2,"pending":0,"snoozed":0,"total":3},\
            "Channel::WebWidget":{"open":2,"resolved":0,"pending":1,"snoozed":0,"total":3}}

            """)
    }

    /// Chatwoot's API (here, `serve` over the same file): the comparison is the same; inbox rows it has not.
    @Test func compareThroughServeAndTheHTTPSource() throws {
        let (directory, path) = try Self.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = try FixtureFile.addAdmin(to: path, token: "compare-admin-token-3b9e")
        let serve = try ServeProcess(database: path)
        defer { serve.stop() }
        let environment = ["CHATWOOT_API_TOKEN": token]
        let json = try report(["--url", serve.url], ["--compare", "--format", "json"], environment)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout == CompareFixture.comparisonJSON)
        #expect(try report(["--url", serve.url], ["--compare", "--format", "csv"], environment).stdout == CompareFixture.comparisonCSV)
        let inboxes = try report(["--url", serve.url], ["--by", "inbox"], environment)
        #expect(inboxes.status == 1)
        #expect(inboxes.stderr == "chanstat: Chatwoot's API has no per-inbox counts; read the database (--db postgres://…) to see inboxes\n")
        #expect(inboxes.stdout.isEmpty)
    }
}

/// The dashboard in tmux on the same file: `c` shows the changes, Enter the selected channel's inboxes, Esc
/// comes back.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct CompareAndInboxDashboardTests {
    @Test func compareThenInboxesThenBack() throws {
        let (directory, path) = try CompareAndInboxCommandTests.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = try DashboardHarness.start(["dashboard", "--db", path, "--account", "1", "--since", "2026-01-08",
                                                  "--until", "2026-01-14", "--utc", "--refresh", "3600"], width: 120, height: 24)
        defer { session.close() }
        let timeout = DashboardHarness.timeout
        try session.waitUntil(timeout: timeout, "the week's rows") { DashboardEndToEndTests.hasRow($0, "Email") && DashboardEndToEndTests.hasRow($0, "Website") }
        try session.sendKeys("c")
        let compared = try session.waitUntil(timeout: timeout, "the changes") { screen in
            screen.contains("vs 2026-01-01 – 2026-01-07 UTC") && DashboardEndToEndTests.hasRow(screen, "Voice")
        }
        let lines = DashboardEndToEndTests.lines(compared)
        #expect(lines.contains { $0.hasPrefix("Email") && $0.contains("▲+2") && $0.contains("+200%") })
        #expect(lines.contains { $0.hasPrefix("Voice") && $0.contains("▼-1") && $0.contains("-100%") })
        #expect(lines.contains { $0.hasPrefix("Total") && $0.contains("▲+2") && $0.contains("+50%") })

        // Email, the first row, is selected from the start.
        try session.sendKeys("Enter")
        let inboxes = try session.waitUntil(timeout: timeout, "Email's inboxes") { $0.contains("› Email inboxes") }
        #expect(DashboardEndToEndTests.hasRow(inboxes, "Inbox"))
        #expect(DashboardEndToEndTests.hasRow(inboxes, "Mail"))
        #expect(!DashboardEndToEndTests.hasRow(inboxes, "Website"))
        try session.sendKeys("Escape")
        let back = try session.waitUntil(timeout: timeout, "the channel list again") { screen in
            !screen.contains("› Email inboxes") && DashboardEndToEndTests.hasRow(screen, "Website")
        }
        #expect(DashboardEndToEndTests.hasRow(back, "Channel"))
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }
}
