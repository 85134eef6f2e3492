import ChanstatCore
import Foundation
import Testing

/// What the terminal shows is what was counted (SPEC 14): channel types and inbox names that hold a ZWJ emoji
/// sequence ("Support 👩‍💻 team", which tmux draws 2 columns wide and ncurses measures as 4), a flag, CJK,
/// combining marks, a skin tone and an emoji with a variation selector, in the real dashboard in tmux: every
/// Total intact, and every row's Total ending in the column of the title's.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct WideNamesDashboardTests {
    /// (inbox id, inbox name, channel type, open, resolved)
    static let inboxes: [(Int, String, String, Int, Int)] = [
        (1, "Support 👩\u{200D}💻 team", "Channel::Support 👩\u{200D}💻 team", 1000, 1006),
        (6, "🇯🇵 東京 Zoe\u{308}", "Channel::Support 👩\u{200D}💻 team", 0, 1000),
        (2, "Paris", "Channel::🇫🇷 France", 200, 1007),
        (3, "東京", "Channel::日本語サポート", 48, 2000),
        (4, "Lyon", "Channel::Cafe\u{301} cre\u{300}me", 105, 1000),
        (5, "Thanks", "Channel::👍🏽 ❤️ thanks", 333, 1000),
    ]

    /// The rows as the screen shows them (joiners dropped) with their totals, and the totals row's.
    static let channelTotals = [("Support 👩💻 team", "3006"), ("🇫🇷 France", "1207"), ("日本語サポート", "2048"),
                                ("Cafe\u{301} cre\u{300}me", "1105"), ("👍🏽 ❤️ thanks", "1333"), ("Total", "8699")]
    static let inboxTotals = [("Support 👩💻 team", "2006"), ("🇯🇵 東京 Zoe\u{308}", "1000"), ("Total", "3006")]

    static func fixture() throws -> (URL, String) {
        var sql = "INSERT INTO accounts (id, name) VALUES (1, 'Acme');\n"
        for (id, name, type, open, resolved) in inboxes {
            sql += "INSERT INTO inboxes (id, account_id, name, channel_type) VALUES (\(id), 1, '\(name)', '\(type)');\n"
            sql += """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(open + resolved))
                INSERT INTO conversations (account_id, inbox_id, status, created_at)
                SELECT 1, \(id), CASE WHEN i <= \(open) THEN 0 ELSE 1 END, '2026-01-10 12:00:00' FROM n;

                """
        }
        return try FixtureFile.make(name: "wide-names", sql: sql)
    }

    /// Every row's total is there whole, and ends in the column where the "Total" title ends, as the terminal
    /// placed them (tmux's own cells, read back by capture-pane and measured per code point as tmux does).
    static func expectAligned(_ screen: String, _ rows: [(String, String)], title: String) {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let header = lines.first(where: { $0.hasPrefix(title) }), let totalTitle = header.range(of: " Total") else {
            Issue.record("no title line in:\n\(screen)")
            return
        }
        let column = DisplayWidth.of(String(header[..<totalTitle.upperBound]))
        for (label, total) in rows {
            guard let line = lines.first(where: { $0.hasPrefix(label + " ") }) else {
                Issue.record("no row \(label) in:\n\(screen)")
                continue
            }
            let numbers = line.dropFirst(label.count).split(separator: " ").filter { $0.allSatisfy(\.isNumber) }
            #expect(numbers.count >= 5 && numbers[4] == Substring(total), "\(label): \(line)")
            // The last such number: the total comes after the statuses (and only the bar after it).
            guard let found = line.range(of: " \(total)", options: .backwards) else { continue }
            #expect(DisplayWidth.of(String(line[..<found.upperBound])) == column, "\(label) misaligned:\n\(header)\n\(line)")
        }
    }

    @Test func wideAndJoinedNamesKeepEveryTotalWholeAndAligned() throws {
        let (directory, path) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = try DashboardHarness.start(["dashboard", "--db", path, "--account", "1", "--since", "2026-01-08",
                                                  "--until", "2026-01-14", "--utc", "--refresh", "3600"], width: 100, height: 24)
        defer { session.close() }
        let timeout = DashboardHarness.timeout
        let channels = try session.waitUntil(timeout: timeout, "the rows") { screen in
            screen.contains("Total") && screen.contains("thanks") && screen.contains("France")
        }
        Self.expectAligned(channels, Self.channelTotals, title: "Channel")
        #expect(!channels.unicodeScalars.contains("\u{200D}"), "a joiner reached the terminal")

        // Support, the first row, is selected from the start.
        try session.sendKeys("Enter")
        let inboxes = try session.waitUntil(timeout: timeout, "Support's inboxes") { $0.contains("team inboxes") }
        Self.expectAligned(inboxes, Self.inboxTotals, title: "Inbox")
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }
}
