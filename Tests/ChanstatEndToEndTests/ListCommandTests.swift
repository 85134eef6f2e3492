import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// `report --list` through the real binary over a file (docs/report.md "Lists"), against `ListFixture`'s hand
/// counts, with the timestamps in each of SQLite's forms: every filter lists exactly its conversations in the
/// documented order, its count equals the report's cell, and nothing of a contact ever shows.
@Suite(.enabled(if: ChanstatBinary.isBuilt, "needs a built chanstat"))
struct ListCommandTests {
    /// Unix seconds, or Rails' UTC text with a fraction (which a list drops).
    enum Form: String, CaseIterable { case seconds, text }

    static func fixture(_ form: Form) throws -> (path: String, scratch: URL) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-list-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let path = scratch.appendingPathComponent("lists.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: ListFixture.sqliteSchema)
            try db.execute(sql: ListFixture.inserts { seconds in
                form == .seconds ? String(seconds) : "'\(RailsTime.text(seconds)).75'"
            })
        }
        try queue.close()
        return (path, scratch)
    }

    func list(_ path: String, _ arguments: [String], format: String = "json",
              environment: [String: String] = [:]) throws -> ProcessResult {
        let cohort = arguments.contains("--now") ? ["--account", "1"] : ListFixture.range
        return try ChanstatBinary.run(["report", "--db", path, "--list", "--format", format] + cohort + arguments,
                                      environment: environment)
    }

    @Test(arguments: Form.allCases)
    func everyFilterListsItsConversationsInOrder(form: Form) throws {
        let (path, scratch) = try Self.fixture(form)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try ListCellChecks.everyListInOrder { try ChanstatBinary.run(["report", "--db", path] + $0) }
    }

    /// A list's count is its cell's number: channel by status from the payload, inbox by status from --by inbox.
    @Test func countsEqualTheReportsCells() throws {
        let (path, scratch) = try Self.fixture(.text)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try ListCellChecks.channelCellsEqualLists { try ChanstatBinary.run(["report", "--db", path] + $0) }
        let byInbox = try ChanstatBinary.run(["report", "--db", path, "--format", "csv", "--by", "inbox"] + ListFixture.range)
        let rows = byInbox.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 3)
        for row in rows {
            // channel_type,label,inbox_id,inbox_name,open,resolved,pending,snoozed,total (names have no commas here)
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let numbers = fields.suffix(5).compactMap(Int.init)
            let inbox = fields[2]
            for (status, number) in zip(["open", "resolved", "pending", "snoozed"], numbers) {
                let run = try list(path, ["--inbox", inbox, "--status", status])
                #expect(try ListChecks.items(run.stdout).count == number, "inbox \(inbox) \(status)")
            }
            #expect(try ListChecks.items(list(path, ["--inbox", inbox]).stdout).count == numbers.last)
        }
    }

    /// Every number of `--by team|agent|label` and of the queue (`--now --by …`) is its list's count.
    @Test(arguments: Form.allCases)
    func groupedAndQueueCellsEqualTheirLists(form: Form) throws {
        let (path, scratch) = try Self.fixture(form)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = { (arguments: [String]) in try ChanstatBinary.run(["report", "--db", path] + arguments) }
        try ListCellChecks.rangeCellsEqualLists(run)
        try ListCellChecks.queueCellsEqualLists(run)
    }

    @Test func limitShowsTheFirstAndCountsAll() throws {
        let (path, scratch) = try Self.fixture(.seconds)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let two = try ListChecks.items(list(path, ["--limit", "2"]).stdout)
        #expect(two.count == 10 && two.ids == [2, 5])
        let one = try ListChecks.items(list(path, ["--now", "--limit", "1"]).stdout)
        #expect(one.count == 10 && one.ids == [8])
        #expect(try ListChecks.items(list(path, ["--limit", "1000"]).stdout).ids.count == 10)
        for bad in ["0", "1001", "-1", "ten", "2.5"] {
            let run = try list(path, ["--limit", bad])
            #expect(run.status == 2, "--limit \(bad)")
            #expect(run.stdout.isEmpty)
        }
        #expect(try list(path, ["--limit", "0"]).stderr == "chanstat: --limit must be a whole number from 1 to 1000\n")
        let table = try list(path, ["--limit", "3"], format: "table")
        #expect(table.stdout.contains("10 conversations, the first 3 shown (--limit)"), "\(table.stdout)")
    }

    @Test func addressesWithAndWithoutAWebAddress() throws {
        let (path, scratch) = try Self.fixture(.seconds)
        defer { try? FileManager.default.removeItem(at: scratch) }
        _ = try ListChecks.items(list(path, ["--inbox", "3"]).stdout, web: nil)
        for web in ["https://chat.example.com", "https://chat.example.com/", "https://chat.example.com//"] {
            let run = try list(path, ["--inbox", "3", "--web-url", web])
            #expect(try ListChecks.items(run.stdout, web: "https://chat.example.com").ids == [6, 7], "\(web)")
        }
        let under = try list(path, ["--inbox", "3", "--web-url", "http://10.0.0.5:3000/chatwoot/"])
        _ = try ListChecks.items(under.stdout, web: "http://10.0.0.5:3000/chatwoot")
        let csv = try list(path, ["--inbox", "3", "--web-url", "https://chat.example.com/"], format: "csv")
        #expect(csv.stdout.contains(",https://chat.example.com/app/accounts/1/conversations/106\n"), "\(csv.stdout)")
        let table = try list(path, ["--inbox", "3", "--web-url", "https://chat.example.com/"], format: "table")
        #expect(table.stdout.contains("https://chat.example.com/app/accounts/1/conversations/107"))
        // A profile's web_url, for the profile's own database.
        let home = scratch.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".config/chanstat"),
                                                withIntermediateDirectories: true)
        try "[profiles.local]\ndb = \"\(path)\"\naccount = 1\nweb_url = \"https://support.example.org/\"\n"
            .write(to: home.appendingPathComponent(".config/chanstat/config.toml"), atomically: true, encoding: .utf8)
        let profiled = try ChanstatBinary.run(["report", "--profile", "local", "--list", "--format", "json", "--inbox", "3",
                                               "--since", String(ListFixture.since), "--until", String(ListFixture.until)],
                                              environment: ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path])
        #expect(profiled.status == 0, "\(profiled.stderr)")
        _ = try ListChecks.items(profiled.stdout, web: "https://support.example.org")
        for (bad, reason) in [("chat.example.com", "must be an http:// or https:// address"),
                              ("https://ann:secret@chat.example.com", "must not hold a user or password"),
                              ("https://chat.example.com/?x=1", "must be Chatwoot's base address, without ? or #")] {
            let run = try list(path, ["--web-url", bad])
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix("chanstat: --web-url \(reason)"), "\(run.stderr)")
            #expect(!run.stderr.contains("secret"))
        }
    }

    /// Contacts and messages are in the file; no format of any list shows any of it. Hostile names stay inert:
    /// no escape reaches a terminal, no CSV field starts a formula, and JSON carries the exact names.
    @Test(arguments: ["json", "csv", "table"])
    func noContactDataAndHostileNamesStayInert(format: String) throws {
        let (path, scratch) = try Self.fixture(.text)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for arguments in [[], ["--now"], ["--label", ListFixture.formulaLabel]] {
            let run = try list(path, arguments + ["--web-url", "https://chat.example.com"], format: format)
            #expect(run.status == 0, "\(run.stderr)")
            ListChecks.expectNoContactData(run.stdout)
            #expect(!run.stdout.isEmpty)
            switch format {
            case "json":
                // Escaped as JSON escapes them (no raw control character) and decoded back to the exact names.
                #expect(run.stdout.unicodeScalars.allSatisfy { $0.value >= 0x20 || $0 == "\n" })
                _ = try ListChecks.items(run.stdout, web: "https://chat.example.com")
            case "csv":
                #expect(ListChecks.isTerminalSafe(run.stdout))
                for line in run.stdout.split(separator: "\n").dropFirst() {
                    let fields = Self.csvFields(String(line))
                    #expect(fields.count == 14, "\(line)")
                    #expect(fields.allSatisfy { !"=+-@".contains($0.first ?? " ") || Int($0) != nil }, "\(fields)")
                }
                if arguments.isEmpty {
                    #expect(run.stdout.contains(#"'=cmd|' /C calc'!A0"#))
                    #expect(run.stdout.contains(#""Tier ""2""""#))
                    #expect(run.stdout.contains(#""'=HYPERLINK(""http://evil.example"")""#))
                }
            default:
                #expect(ListChecks.isTerminalSafe(run.stdout), "\(run.stdout)")
                if arguments.isEmpty { #expect(run.stdout.contains("Mail\u{FFFD}[31m"), "\(run.stdout)") }
            }
        }
    }

    /// RFC 4180 fields of one line.
    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previous: Character = " "
        for character in line {
            if character == "\"" {
                if quoted, previous == "\"" { field.append("\"") }
                quoted.toggle()
            } else if character == ",", !quoted {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            previous = character
        }
        return fields + [field]
    }

    @Test func usageErrorsAndTheHTTPRefusal() throws {
        let (path, scratch) = try Self.fixture(.seconds)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let usage: [([String], String)] = [
            (["--list", "--unattended"] + ListFixture.range, "--unattended, --unassigned and --waiting go with --now"),
            (["--list", "--now", "--since", "2026-11-01", "--until", "2026-11-02"], "--now reports the queue as it is now"),
            (["--list", "--team", "billing"] + ListFixture.range, "--team takes an id (a whole number) or none"),
            (["--list", "--compare"] + ListFixture.range, "--list shows conversations, not counts"),
            (["--list", "--by", "inbox"] + ListFixture.range, "--list takes the group as a filter"),
            (["--list", "--now", "--status", "resolved"], "--status resolved with --now lists nothing"),
            (["--inbox", "3"] + ListFixture.range, "go with --list"),
            (["--web-url", "https://chat.example.com"] + ListFixture.range, "--web-url gives the conversations of --list"),
        ]
        for (arguments, sentence) in usage {
            let run = try ChanstatBinary.run(["report", "--db", path] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.hasPrefix("chanstat: ") && run.stderr.contains(sentence), "\(arguments): \(run.stderr)")
        }
        // Over Chatwoot's API: one sentence naming the database sources, before a request is made (the address
        // is reserved for documentation and answers nothing).
        let http = try ChanstatBinary.run(["report", "--url", "https://chat.example.invalid", "--account", "1", "--list"],
                                          environment: ["CHATWOOT_API_TOKEN": "token-never-used"])
        #expect(http.status == 1)
        #expect(http.stderr == "chanstat: lists of conversations need a database source: --db FILE or --db postgres://… "
                + "(Chatwoot's API has no such list that matches the counts)\n")
    }

    /// A file without the optional columns says which one a list needs; its reports keep working.
    @Test func aFileWithoutTheListColumnsNamesWhatItLacks() throws {
        let (scratch, path) = try FixtureFile.make(name: "plain", sql: CompareFixture.inserts,
                                                         ddl: FullShapeSQLite.oldShapeDDL)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = try ChanstatBinary.run(["report", "--db", path, "--list"] + CompareFixture.arguments)
        #expect(run.status == 1)
        #expect(run.stderr == "chanstat: plain.sqlite has no column \"display_id\" in table \"conversations\", which a list "
                + "of conversations needs (files written by chanstat sample have it; see sample-data/schema.sql)\n")
        #expect(try ChanstatBinary.run(["report", "--db", path] + CompareFixture.arguments).status == 0)
    }
}
