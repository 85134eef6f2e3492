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

    /// The optional columns and tables (SPEC 2), as psql's CSV writes them: NULL as an empty value, timestamps
    /// as Rails text or Unix seconds. A column the table does not have is refused by name.
    @Test func importsTheOptionalColumnsAndTables() throws {
        try writeCommonTables()
        try write("conversations.csv", """
            id,account_id,inbox_id,status,created_at,display_id,assignee_id,team_id,waiting_since,first_reply_created_at
            1,1,1,0,2026-11-01 00:00:00,1,,,2026-11-01 00:00:00,
            2,1,1,0,1793491200,2,7,3,1793500000,1793491500
            3,1,2,1,2026-11-02 10:00:00,3,8,,,2026-11-02 10:05:00.25

            """)
        try write("users.csv", "id,name,email,display_name\n7,Maria Garcia,,Maria\n8,James Chen,j@example.com,\n")
        try write("teams.csv", "id,account_id,name\n3,1,Billing\n")
        try write("tags.csv", "id,name\n1,refund\n2,lead\n")
        try write("taggings.csv", """
            id,tag_id,taggable_type,taggable_id,context
            1,1,Conversation,2,labels
            2,2,Contact,2,labels

            """)
        let out = directory.appendingPathComponent("optional.sqlite").path
        let result = try runScript(out: out)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try Shell.run("sqlite3", [out, """
            SELECT id, display_id, quote(assignee_id), quote(team_id), quote(waiting_since),
                   quote(first_reply_created_at) FROM conversations ORDER BY id;
            SELECT id, quote(email), quote(display_name) FROM users ORDER BY id;
            SELECT t.taggable_id, g.name FROM taggings t JOIN tags g ON g.id = t.tag_id
             WHERE t.taggable_type = 'Conversation' AND t.context = 'labels';
            SELECT name FROM teams;
            SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name;
            """]).stdout
        #expect(rows == """
            1|1|NULL|NULL|'2026-11-01 00:00:00'|NULL
            2|2|7|3|1793500000|1793491500
            3|3|8|NULL|NULL|'2026-11-02 10:05:00.25'
            7|NULL|'Maria'
            8|'j@example.com'|NULL
            2|refund
            Billing
            index_conversations_on_account_inbox_status_created
            index_taggings_on_taggable_id_and_taggable_type_and_context

            """)

        try write("teams.csv", "id,account_id,name,description\n3,1,Billing,Money\n")
        let refused = try runScript(out: directory.appendingPathComponent("refused.sqlite").path)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("teams.csv has a column \"description\" that table teams does not (see schema.sql)"))
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
