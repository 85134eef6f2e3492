import ChanstatCore
import ChanstatSQLite
import ChanstatTestSupport
import Foundation
import Testing

/// sample-data/import-chatwoot-csv.sh, run for real on CSV files shaped like psql's `\copy ... CSV HEADER`.
@Suite struct ImportScriptTests {
    static let script = PackageRoot.file("sample-data/import-chatwoot-csv.sh").path

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func runScript(out: String) throws -> (status: Int32, stderr: String) {
        let result = try Shell.run("bash", [Self.script, directory.path, out])
        return (result.status, result.stderr)
    }

    func writeCommonTables() throws {
        try write("accounts.csv", "id,name\n1,\"Acme, Inc.\"\n2,Other\n")
        try write("inboxes.csv", "id,account_id,name,channel_type\n1,1,Web,Channel::WebWidget\n"
                  + "2,1,\"Mail \"\"main\"\"\",Channel::Email\n3,2,Other web,Channel::WebWidget\n")
    }

    @Test func importsRailsTextTimestampsAndReportsThem() async throws {
        try writeCommonTables()
        // Fractions as pg writes them; one row exactly at the end bound (excluded), one other account,
        // one unknown status (counted nowhere).
        try write("conversations.csv", """
            id,account_id,inbox_id,status,created_at
            1,1,1,0,2026-11-01 00:00:00
            2,1,1,1,2026-11-10 12:00:00.123456
            3,1,2,2,2026-11-15 08:00:00
            4,1,2,1,2026-12-01 00:00:00
            5,2,3,0,2026-11-05 10:00:00
            6,1,1,7,2026-11-05 10:00:00

            """)
        let out = directory.appendingPathComponent("chatwoot.sqlite").path
        let result = try runScript(out: out)
        #expect(result.status == 0, "\(result.stderr)")
        let source = try SQLiteReportSource(path: out, accountID: 1)
        let range = try DateRange(since: 1_793_491_200, until: 1_796_083_200)  // 2026-11-01 .. 2026-12-01 UTC
        let summary = try await source.summary(for: range)
        #expect(ReportJSON.encode(summary) == """
            {"Channel::Email":{"open":0,"resolved":0,"pending":1,"snoozed":0,"total":1},\
            "Channel::WebWidget":{"open":1,"resolved":1,"pending":0,"snoozed":0,"total":2}}
            """)
        #expect(source.displayName.contains("Acme, Inc."))
    }

    @Test func turnsEpochSecondsBackIntoIntegers() async throws {
        try writeCommonTables()
        try write("conversations.csv", "id,account_id,inbox_id,status,created_at\n1,1,1,3,1793491200\n2,1,2,0,1796083200\n")
        let out = directory.appendingPathComponent("epoch.sqlite").path
        #expect(try runScript(out: out).status == 0)
        let summary = try await SQLiteReportSource(path: out, accountID: 1)
            .summary(for: try DateRange(since: 1_793_491_200, until: 1_796_083_200))
        #expect(ReportJSON.encode(summary)
                == #"{"Channel::WebWidget":{"open":0,"resolved":0,"pending":0,"snoozed":1,"total":1}}"#)
    }

    @Test func refusesToOverwriteAndNamesAMissingFile() throws {
        try writeCommonTables()
        let out = directory.appendingPathComponent("exists.sqlite").path
        try write("exists.sqlite", "keep me")
        try write("conversations.csv", "id,account_id,inbox_id,status,created_at\n")
        let overwrite = try runScript(out: out)
        #expect(overwrite.status == 1)
        #expect(overwrite.stderr.contains("already exists"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")

        try FileManager.default.removeItem(at: directory.appendingPathComponent("conversations.csv"))
        let missing = try runScript(out: directory.appendingPathComponent("new.sqlite").path)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("conversations.csv is missing"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("new.sqlite").path))
    }
}
