import ChanstatCore
import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// `chanstat report` and `chanstat sample` through the real binary (README "Command line").
@Suite(.serialized) struct ReportCommandTests {
    static let since: Int64 = 1_767_225_600          // 2026-01-01 00:00:00 UTC
    static let until: Int64 = since + 7 * 86_400     // 2026-01-08 00:00:00 UTC

    /// A temporary directory with `c.sqlite`: account 1 has, in the week,
    /// WebWidget 2 open, 1 resolved, 1 pending, 1 snoozed (two inboxes); Email 1 open, 2 resolved;
    /// a channel type with an escape sequence in it, 1 pending. Plus rows outside the week and of account 2.
    final class Fixture {
        let directory: URL
        var path: String { directory.appendingPathComponent("c.sqlite").path }

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let queue = try DatabaseQueue(path: directory.appendingPathComponent("c.sqlite").path)
            try queue.write { db in
                try DashboardFixture.createAccountsAndInboxes(db)
                try db.execute(sql: "INSERT INTO inboxes VALUES (4, 1, 'Odd', ?)", arguments: ["Channel::Evil\u{1B}[31m"])
                let rows: [(Int64, Int64, Int64, Int64)] = [
                    (1, 1, 0, ReportCommandTests.since), (1, 2, 0, ReportCommandTests.since + 1), (1, 1, 1, ReportCommandTests.until - 1), (1, 2, 2, ReportCommandTests.since + 2),
                    (1, 1, 3, ReportCommandTests.since + 3),
                    (1, 3, 0, ReportCommandTests.since + 10), (1, 3, 1, ReportCommandTests.since + 11), (1, 3, 1, ReportCommandTests.since + 12),
                    (1, 4, 2, ReportCommandTests.since + 20),
                    (1, 1, 0, ReportCommandTests.until), (1, 3, 0, ReportCommandTests.since - 1), (1, 3, 7, ReportCommandTests.since + 30),
                    (2, 5, 0, ReportCommandTests.since + 40), (2, 1, 1, ReportCommandTests.since + 41),
                ]
                for (account, inbox, status, created) in rows {
                    try db.execute(sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (?, ?, ?, ?)",
                                   arguments: [account, inbox, status, created])
                }
            }
            try queue.close()
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    func report(_ fixture: Fixture, _ extra: [String]) throws -> ProcessResult {
        try ChanstatBinary.run(["report", "--db", fixture.path, "--account", "1",
                                 "--since", String(Self.since), "--until", String(Self.until)] + extra)
    }

    @Test func json() throws {
        let fixture = try Fixture()
        let run = try report(fixture, ["--format", "json"])
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.stdout == """
            {"Channel::Email":{"open":1,"resolved":2,"pending":0,"snoozed":0,"total":3},\
            "Channel::Evil\\u001b[31m":{"open":0,"resolved":0,"pending":1,"snoozed":0,"total":1},\
            "Channel::WebWidget":{"open":2,"resolved":1,"pending":1,"snoozed":1,"total":5}}

            """)
    }

    @Test func jsonOfAnEmptyWindow() throws {
        let fixture = try Fixture()
        let run = try ChanstatBinary.run(["report", "--db", fixture.path, "--account", "1", "--format", "json",
                                           "--since", "2025-06-01", "--until", "2025-06-30"])
        #expect(run.status == 0)
        #expect(run.stdout == "{}\n")
    }

    @Test func datesAreReadInTheZoneAndUntilTakesTheWholeDay() throws {
        let fixture = try Fixture()
        // 2026-01-07 as --until is the end of that day: the conversation at until-1 (23:59:59Z) is in.
        let utc = try ChanstatBinary.run(["report", "--db", fixture.path, "--account", "1", "--format", "json",
                                           "--since", "2026-01-07", "--until", "2026-01-07"])
        #expect(utc.stdout == #"{"Channel::WebWidget":{"open":0,"resolved":1,"pending":0,"snoozed":0,"total":1}}"# + "\n")
        // In Berlin the same day ends an hour earlier, at 23:00Z: nothing.
        let berlin = try ChanstatBinary.run(["report", "--db", fixture.path, "--account", "1", "--format", "json",
                                              "--since", "2026-01-07", "--until", "2026-01-07"],
                                             environment: ["TZ": "Europe/Berlin"])
        #expect(berlin.stdout == "{}\n")
        // --utc reads the dates in UTC whatever TZ says.
        let forced = try ChanstatBinary.run(["report", "--db", fixture.path, "--account", "1", "--format", "json", "--utc",
                                              "--since", "2026-01-07", "--until", "2026-01-07"],
                                             environment: ["TZ": "Europe/Berlin"])
        #expect(forced.stdout == utc.stdout)
    }

    @Test func csv() throws {
        let fixture = try Fixture()
        let run = try report(fixture, ["--format", "csv"])
        #expect(run.status == 0)
        #expect(run.stdout == """
            channel_type,label,open,resolved,pending,snoozed,total
            Channel::Email,Email,1,2,0,0,3
            Channel::Evil\u{FFFD}[31m,Evil\u{FFFD}[31m,0,0,1,0,1
            Channel::WebWidget,Website,2,1,1,1,5

            """)
    }

    @Test func tableWithoutEscapeCodesOnAPipe() throws {
        let fixture = try Fixture()
        let run = try report(fixture, ["--format", "table", "--utc"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("\u{1B}"))
        #expect(run.stdout == """
            c.sqlite, account 1 (Acme)
            Custom range: 2026-01-01 to 2026-01-07 UTC

            Channel    Open  Pending  Snoozed  Resolved  Total
            Website       2        1        1         1      5
            Email         1        0        0         2      3
            Evil\u{FFFD}[31m     0        1        0         0      1
            --------------------------------------------------
            Total         3        2        1         3      9

            """)
        // The default format is the table.
        #expect(try report(fixture, ["--utc"]).stdout == run.stdout)
    }

    // MARK: Bad usage and bad ranges: exit 2, one line on stderr, nothing on stdout.

    @Test(arguments: [
        (["--since", "2026-02-30", "--until", "2026-03-01"],
         "chanstat: since \"2026-02-30\" is not a date: use Unix seconds, YYYY-MM-DD or an ISO 8601 date-time"),
        (["--since", "0", "--until", "15778477"],
         "chanstat: Date range cannot exceed 6 months (182.6 days); this range is 15778477 seconds, the limit 15778476"),
        (["--since", "2026-01-01", "--until", "2026-07-02"],
         "chanstat: Date range cannot exceed 6 months (182.6 days); this range is 183.0 days"),
        (["--since", "100", "--until", "100"], "chanstat: until must be after since"),
        (["--since", "100"], "chanstat: --since needs --until too (the end of the range)"),
        (["--until", "100"], "chanstat: --until needs --since too (the start of the range)"),
        (["--range", "7d", "--since", "2026-01-01"], "chanstat: use either --range or --since/--until, not both"),
        (["--range", "30d", "--until", "2026-01-01"], "chanstat: use either --range or --since/--until, not both"),
    ])
    func invalidRange(arguments: [String], message: String) throws {
        let fixture = try Fixture()
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
        let run = try ChanstatBinary.run(["report", "--db", fixture.path, "--account", "1"] + arguments)
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderrLines == [Substring(message)])
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)) == before)
    }

    @Test(arguments: [["--range", "9d"], ["--format", "xml"], ["--no-such-option"], ["--account", "x"]])
    func badUsageIsOneLine(arguments: [String]) throws {
        let fixture = try Fixture()
        let run = try ChanstatBinary.run(["report", "--db", fixture.path] + arguments)
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderrLines.count == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.hasPrefix("chanstat: "))
    }

    /// A cron job whose profile was not found must not append invented numbers that look real: without a source
    /// `report` is bad usage in every format, and the demo data is read only when asked for by name.
    @Test(arguments: ["table", "json", "csv"])
    func reportNeedsASourceOrDemo(format: String) throws {
        let environment = ["XDG_CONFIG_HOME": "/nonexistent", "CHANSTAT_PROFILE": ""]
        let bare = try ChanstatBinary.run(["report", "--format", format], environment: environment)
        #expect(bare.status == 2)
        #expect(bare.stdout.isEmpty)
        #expect(bare.stderrLines == ["chanstat: report needs a source: --db FILE or --db postgres://…, --url URL --account "
                                     + "ID, or a profile (--profile NAME or $CHANSTAT_PROFILE); --demo reads the built-in demo data"])
        let demo = try ChanstatBinary.run(["report", "--demo", "--format", format], environment: environment)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("Channel::WebWidget") || demo.stdout.contains("Website"))
        let both = try ChanstatBinary.run(["report", "--demo", "--db", "x.sqlite"], environment: environment)
        #expect(both.status == 2)
        #expect(both.stderrLines == ["chanstat: --demo reads the built-in demo data: use it without --db or --url"])
    }

    @Test func anUnknownPresetListsThePresetsOnOneLine() throws {
        let run = try ChanstatBinary.run(["report", "--range", "9d"])
        #expect(run.status == 2)
        #expect(run.stderrLines == ["chanstat: The value '9d' is invalid for '--range <range>'. Please provide one of "
                                    + "the following: today, 7d, 30d, 3m, 6m, this-month, last-month"])
    }

    /// Chatwoot's account ids start at 1: 0 and negatives are bad usage, before any file is opened.
    @Test(arguments: ["0", "-3"])
    func anAccountIdBelowOneIsBadUsage(account: String) throws {
        let run = try ChanstatBinary.run(["report", "--db", "/nonexistent.sqlite", "--account=\(account)"])
        #expect(run.status == 2)
        #expect(run.stderrLines == ["chanstat: --account must be a positive whole number (an account id)"])
    }

    // MARK: Source failures: exit 1, one line.

    @Test func missingFile() throws {
        let fixture = try Fixture()
        let missing = fixture.directory.appendingPathComponent("nope.sqlite").path
        let run = try ChanstatBinary.run(["report", "--db", missing, "--range", "7d"])
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(run.stderrLines == [Substring("chanstat: no such file: \(missing)")])
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func severalAccountsWithoutAccount() throws {
        let fixture = try Fixture()
        let run = try ChanstatBinary.run(["report", "--db", fixture.path])
        #expect(run.status == 1)
        #expect(run.stderrLines == [
            "chanstat: c.sqlite has several accounts; choose one with --account ID: accounts: 1 (Acme), 2 (Globex)"])
    }

    // MARK: sample, then report

    @Test func sampleThenReport() throws {
        let fixture = try Fixture()
        let out = fixture.directory.appendingPathComponent("sample.sqlite").path
        let sample = try ChanstatBinary.run(["sample", "--out", out, "--conversations", "3000", "--accounts", "2",
                                              "--days", "30", "--end", "2026-02-28", "--seed", "5"])
        #expect(sample.status == 0, "\(sample.stderr)")
        #expect(sample.stdout.hasPrefix("Wrote \(out): 3000 conversations, 2 accounts, 30 days to 2026-02-28 ("))
        // Two users per account with tokens, and a bot.
        #expect(sample.stdout.split(separator: "\n").filter { $0.hasPrefix("  account ") }.count == 5)

        // The 30 days run from 2026-01-30 through 2026-02-28 (UTC): all 3000 conversations, split over two accounts.
        var total: Int64 = 0
        for account in ["1", "2"] {
            let run = try ChanstatBinary.run(["report", "--db", out, "--account", account, "--format", "json",
                                               "--since", "2026-01-30", "--until", "2026-02-28"])
            #expect(run.status == 0, "\(run.stderr)")
            let summary = try ReportJSON.decode(Data(run.stdout.utf8))
            #expect(summary.channels.keys.allSatisfy { $0.hasPrefix("Channel::") })
            total += summary.totals?.total ?? 0
            // The same as the straightforward query on the file.
            #expect(summary == (try plainReport(out, account: Int64(account)!, since: 1_769_731_200, until: 1_772_323_200)))
        }
        #expect(total == 3000)

        // A day outside the 30: nothing.
        let before = try ChanstatBinary.run(["report", "--db", out, "--account", "1", "--format", "json",
                                              "--since", "2026-01-29", "--until", "2026-01-29"])
        #expect(before.stdout == "{}\n")

        // Again without --force: refused, file untouched.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        let again = try ChanstatBinary.run(["sample", "--out", out, "--conversations", "10"])
        #expect(again.status == 1)
        #expect(again.stderrLines == [Substring("chanstat: \(out) already exists; use --force to replace it")])
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == bytes)
    }

    /// `--end` names a day: ten digits of Unix seconds were taken as a date before (their length matched
    /// YYYY-MM-DD's), and a date-time was cut to its day. Both are bad usage now, and nothing is written.
    @Test(arguments: ["1700000000", "2026-02-28T10:00", "2026-02-30", "yesterday"])
    func sampleEndTakesADateOnly(end: String) throws {
        let fixture = try Fixture()
        let out = fixture.directory.appendingPathComponent("end.sqlite").path
        let run = try ChanstatBinary.run(["sample", "--out", out, "--conversations", "10", "--end", end])
        #expect(run.status == 2)
        #expect(run.stderrLines == [Substring("chanstat: --end takes a date as YYYY-MM-DD (a real day), not \(end)")])
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    func plainReport(_ path: String, account: Int64, since: Int64, until: Int64) throws -> ChannelSummary {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var summary = ChannelSummary()
            for row in try Row.fetchAll(db, sql: """
                SELECT i.channel_type, c.status, COUNT(*) FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
                 WHERE c.account_id = ? AND c.created_at >= ? AND c.created_at < ? GROUP BY 1, 2
                """, arguments: [account, since, until]) {
                summary.add(channelType: row[0], statusCode: row[1], count: row[2])
            }
            return summary
        }
    }

    /// stdout on a full disk (`> /dev/full`): one sentence and exit 1, for every format and for `sample`'s
    /// token list. Before, `FileHandle.write(_:)` trapped (a crash with a backtrace, status 132) and `print`
    /// dropped the error (status 0, tokens never shown).
    @Test(arguments: [["--format", "table"], ["--format", "json"], ["--format", "csv"], ["sample"]])
    func aFullDiskOnStdoutIsOneSentenceAndStatus1(variant: [String]) throws {
        let fixture = try Fixture()
        let arguments = variant == ["sample"]
            ? ["sample", "--out", fixture.directory.appendingPathComponent("s.sqlite").path, "--conversations", "10"]
            : ["report", "--db", fixture.path, "--account", "1", "--since", String(Self.since), "--until", String(Self.until)] + variant
        // exec: the shell's redirect, then chanstat itself with stdout on /dev/full.
        let run = try Shell.run("sh", ["-c", "exec \"$@\" > /dev/full", "sh", ChanstatBinary.path] + arguments,
                                environment: ChanstatBinary.environment())
        #expect(run.status == 1)
        #expect(run.stderrLines == ["chanstat: cannot write to standard output: No space left on device"])
    }

    @Test func versionAndHelp() throws {
        let version = try ChanstatBinary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("chanstat "))
        let help = try ChanstatBinary.run(["report", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--format"))
    }
}
