import ChanstatSQLite
import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// `report --by team|agent|label` through the real binary on a SQLite file of SPEC 2's whole shape, `created_at`
/// in both forms, against the hand-counted `GroupFixture`; an old-shape file; the HTTP source's refusal.
@Suite(.serialized) struct GroupByCommandTests {
    /// A file made from `sql` alone (no shared DDL: the fixture writes the shape it tests).
    static func file(_ name: String, _ sql: String) throws -> (URL, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("\(name).sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
        return (directory, path)
    }

    func report(_ source: [String], _ extra: [String], _ environment: [String: String] = [:]) throws -> ProcessResult {
        try ChanstatBinary.run(["report"] + source + GroupFixture.arguments + extra, environment: environment)
    }

    static func body(_ table: String) -> String {
        table.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).joined(separator: "\n")
    }

    /// With and without the recommended index: the group queries have a shape for each.
    @Test(arguments: [false, true])
    func everyBreakdownInThreeFormatsWithAndWithoutCompare(index: Bool) throws {
        let (directory, path) = try Self.file("groups", GroupFixture.sqlite + (index ? ChatwootSchema.recommendedIndex : ""))
        defer { try? FileManager.default.removeItem(at: directory) }
        for (extra, expected) in GroupFixture.outputs {
            let run = try report(["--db", path], extra)
            #expect(run.status == 0, "\(extra): \(run.stderr)")
            #expect(run.stdout == expected, "\(extra), index \(index)")
        }
        let labels = try report(["--db", path], ["--by", "label"])
        #expect(labels.stdout.hasPrefix("groups.sqlite, account 1 (Acme)\nCustom range: 2026-01-08 to 2026-01-14 UTC\n\n"))
        #expect(Self.body(labels.stdout) == GroupFixture.labelTable)
        for (breakdown, title, rows) in [("team", "Team", ["Billing", "Support", "No team", "Team #9 (deleted)", "Sales"]),
                                         ("agent", "Agent", ["Alice", "Agent #13 (deleted)", "Bob", "Unassigned"]),
                                         ("label", "Label", ["billing", "No label", "vip", "select", "old-topic"])] {
            let table = try report(["--db", path], ["--by", breakdown, "--compare"])
            #expect(table.status == 0, "\(table.stderr)")
            let lines = Self.body(table.stdout).split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("\(title)  ") == true, "\(table.stdout)")
            // The rows in SPEC 10's order, then the totals row, now and before (6 against 4: +2, +50%).
            #expect(lines.dropFirst().prefix(rows.count).map { $0.components(separatedBy: "  ")[0] } == rows, "\(table.stdout)")
            #expect(lines.contains { $0.hasPrefix("Total ") && $0.hasSuffix("6   +2   +50%") }, "\(table.stdout)")
            #expect(table.stdout.contains("Label rows overlap") == (breakdown == "label"))
        }
    }

    /// A file of the shape before SPEC 2's optional part: each group view names what it lacks, and exits 1; the
    /// channel views still work.
    @Test func anOldShapeFileNamesWhatItLacks() throws {
        let (directory, path) = try Self.file("old", GroupFixture.oldShapeSQLite)
        defer { try? FileManager.default.removeItem(at: directory) }
        let lacks = ["team": "no column \"team_id\" in table \"conversations\"",
                     "agent": "no column \"assignee_id\" in table \"conversations\"", "label": "no table \"tags\""]
        for (breakdown, what) in lacks {
            let run = try report(["--db", path], ["--by", breakdown, "--format", "json"])
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == "chanstat: old.sqlite has \(what), which --by \(breakdown) needs (files written by "
                    + "chanstat sample have it; see sample-data/schema.sql)\n")
        }
        for breakdown in ["channel", "inbox"] {
            let run = try report(["--db", path], ["--by", breakdown, "--format", "csv"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("Channel::WebWidget,Website"))
        }
    }

    /// Chatwoot's API (here `serve` over the same file) has no split by team, agent or label: exit 1 with the
    /// sentence that names the database sources, nothing on stdout.
    @Test func theHTTPSourceRefusesWithASentence() throws {
        let (directory, path) = try Self.file("groups", GroupFixture.sqlite)
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = try FixtureFile.addAdmin(to: path, token: "groups-admin-token-5c2d")
        let serve = try ServeProcess(database: path)
        defer { serve.stop() }
        for breakdown in ["team", "agent", "label"] {
            let run = try report(["--url", serve.url], ["--by", breakdown, "--format", "json"], ["CHATWOOT_API_TOKEN": token])
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == "chanstat: Chatwoot's API has no status split by \(breakdown) for a range; read the "
                    + "database (--db postgres://… or --db FILE) for --by \(breakdown)\n")
        }
        // The channel view still works over it.
        #expect(try report(["--url", serve.url], ["--format", "json"], ["CHATWOOT_API_TOKEN": token]).status == 0)
    }
}
