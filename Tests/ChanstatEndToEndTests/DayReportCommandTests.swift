import ChanstatCore
import ChanstatSQLite
import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// `report --by day` through the real binary on a SQLite file (both timestamp forms, with and without the
/// recommended index), and through `serve` and the HTTP source, against the hand-counted `DayFixture`.
@Suite(.serialized) struct DayReportCommandTests {
    /// A file with the fixture's rows; `unixSeconds` rewrites created_at as Unix seconds, `indexed` adds the
    /// recommended index (the other query shape).
    static func file(unixSeconds: Bool = false, indexed: Bool = false) throws -> (URL, String) {
        let (directory, path) = try FixtureFile.make(name: "days", sql: DayFixture.inserts)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            if unixSeconds { try db.execute(sql: "UPDATE conversations SET created_at = CAST(strftime('%s', created_at) AS INTEGER)") }
            if indexed {
                try db.execute(sql: "CREATE INDEX chanstat_report ON conversations (account_id, inbox_id, status, created_at)")
            }
        }
        try queue.close()
        return (directory, path)
    }

    /// An administrator of account 1 and their token, for `serve`.
    static func addAdmin(to path: String) throws -> String {
        try FixtureFile.addAdmin(to: path, token: "days-admin-token-5c1f")
    }

    /// The channel-summary requests `serve` has logged so far.
    static func requests(_ serve: ServeProcess) -> Int {
        serve.log.components(separatedBy: "\n").filter { $0.contains("summary_reports/channel") }.count
    }

    func report(_ source: [String], _ extra: [String], _ environment: [String: String] = [:]) throws -> ProcessResult {
        try ChanstatBinary.run(["report"] + source + DayFixture.arguments + extra, environment: environment)
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func everyFormatOnAFile(unixSeconds: Bool, indexed: Bool) throws {
        let (directory, path) = try Self.file(unixSeconds: unixSeconds, indexed: indexed)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The machine's zone must not matter: the days are New York's because --timezone says so.
        for (extra, expected) in DayFixture.outputs {
            let run = try report(["--db", path], extra, ["TZ": "Asia/Tokyo"])
            #expect(run.status == 0, "\(extra): \(run.stderr)")
            #expect(run.stdout == expected, "\(extra)")
            #expect(run.stderr.isEmpty, "no progress when stderr is not a terminal")
        }
        let table = try report(["--db", path], ["--by", "day"])
        #expect(table.stdout.hasPrefix("days.sqlite, account 1 (Acme)\nCustom range: 2026-10-31 to 2026-11-03 America/New_York\n\n"))
        #expect(CompareAndInboxCommandTests.body(table.stdout) == DayFixture.table)
    }

    @Test func compareIsRefusedAsUsage() throws {
        let (directory, path) = try Self.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try report(["--db", path], ["--by", "day", "--compare"])
        #expect(run.status == 2)
        #expect(run.stderr == "chanstat: --by day shows one period: use --compare with --by channel or --by inbox\n")
        #expect(run.stdout.isEmpty)
    }

    /// Chatwoot's API has no per-day counts: one request per day. For a 31-day range across the change the
    /// answer is the file's; 32 days are refused before any request.
    @Test func throughServeAndTheHTTPSourceUpTo31Days() throws {
        let (directory, path) = try Self.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = try Self.addAdmin(to: path)
        let serve = try ServeProcess(database: path, arguments: ["--cache-seconds", "0"])
        defer { serve.stop() }
        let environment = ["CHATWOOT_API_TOKEN": token]
        let month = ["--account", "1", "--timezone", DayFixture.zone, "--since", "2026-10-15", "--until", "2026-11-14"]
        for format in ["json", "csv", "table"] {
            let asked = Self.requests(serve)
            let overHTTP = try ChanstatBinary.run(["report", "--url", serve.url, "--by", "day", "--format", format] + month,
                                                  environment: environment)
            let onFile = try ChanstatBinary.run(["report", "--db", path, "--by", "day", "--format", format] + month)
            #expect(overHTTP.status == 0, "\(format): \(overHTTP.stderr)")
            #expect(overHTTP.stderr.isEmpty, "no progress when stderr is not a terminal")
            #expect(onFile.status == 0)
            #expect(Self.requests(serve) - asked == 31, "one request per day")
            let body = { (text: String) in format == "table" ? CompareAndInboxCommandTests.body(text) : text }
            #expect(body(overHTTP.stdout) == body(onFile.stdout), "\(format)")
        }
        #expect(try ChanstatBinary.run(["report", "--db", path, "--by", "day", "--format", "json"] + month).stdout
                .components(separatedBy: "\"2026-").count - 1 == 31)

        // On a terminal, stderr says how far it is; the output is the same.
        let csv = directory.appendingPathComponent("days.csv").path
        let command = ([ChanstatBinary.path, "report", "--url", serve.url, "--by", "day", "--format", "csv"] + month)
            .map(DashboardHarness.shellQuoted).joined(separator: " ") + " > " + DashboardHarness.shellQuoted(csv)
        let onTerminal: ProcessResult = try Shell.run("script", ["-q", "-e", "-c", command, "/dev/null"],
                                                             environment: ChanstatBinary.environment(environment))
        #expect(onTerminal.status == 0, "\(onTerminal.stdout)")
        #expect(onTerminal.stdout.contains("asking day by day: 0 of 31 days"), "\(onTerminal.stdout)")
        #expect(onTerminal.stdout.contains("asking day by day: 31 of 31 days"), "\(onTerminal.stdout)")
        #expect(onTerminal.stdout.hasSuffix("\r\u{1B}[K"), "the line is cleared at the end")
        #expect(try String(contentsOfFile: csv, encoding: .utf8)
                == ChanstatBinary.run(["report", "--db", path, "--by", "day", "--format", "csv"] + month).stdout)

        let before = Self.requests(serve)
        let tooLong = try ChanstatBinary.run(["report", "--url", serve.url, "--by", "day", "--account", "1", "--timezone",
                                              DayFixture.zone, "--since", "2026-10-15", "--until", "2026-11-15"],
                                             environment: environment)
        #expect(tooLong.status == 2)
        #expect(tooLong.stderr == "chanstat: day by day, this source is asked once per day, so at most 31 days at a time "
                + "(this range has 32): choose a shorter range, or read the database (--db postgres://…), which answers "
                + "any range in one query\n")
        #expect(Self.requests(serve) == before, "refused before asking the server")
    }
}
