import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// `report --now` through the real binary on SQLite files of the hand-counted `QueueFixture`, in each timestamp form:
/// every breakdown's JSON, the CSV and the table, and the usage errors.
@Suite(.serialized) struct QueueCommandTests {
    /// A file with the fixture's rows placed around the clock now; its folder, its path and that instant.
    static func file(_ form: QueueFixture.Form) throws -> (URL, String, Int64) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-queue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("queue.sqlite").path
        let t0 = Int64(Date().timeIntervalSince1970)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: QueueFixture.sqliteDDL + QueueFixture.inserts(at: t0, form: form)) }
        try queue.close()
        return (directory, path, t0)
    }

    static func now(_ path: String, _ extra: [String]) throws -> ProcessResult {
        try ChanstatBinary.run(["report", "--db", path, "--account", "1", "--now"] + extra)
    }

    @Test(arguments: QueueFixture.Form.allCases)
    func everyBreakdownInEachTimestampForm(_ form: QueueFixture.Form) throws {
        let (directory, path, t0) = try Self.file(form)
        defer { try? FileManager.default.removeItem(at: directory) }
        for breakdown in ["channel", "inbox", "team", "agent", "label"] {
            let run = try Self.now(path, ["--by", breakdown, "--format", "json"])
            #expect(run.status == 0, "\(breakdown): \(run.stderr)")
            let at = try #require(QueueFixture.at(run.stdout), "\(run.stdout)")
            #expect(at >= t0 && at < t0 + 600)
            #expect(run.stdout == QueueFixture.json(breakdown, at: at, t0: t0), "\(breakdown)")
            #expect(run.stderr.isEmpty)
        }
        // Without --by: by channel.
        let plain = try Self.now(path, ["--format", "json"])
        #expect(plain.stdout == QueueFixture.json("channel", at: QueueFixture.at(plain.stdout) ?? 0, t0: t0))
    }

    @Test func csvAndTableCarryTheSameNumbers() throws {
        let (directory, path, t0) = try Self.file(.mixed)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = try Self.now(path, ["--by", "team", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "row,group_key,group_name,open,unattended,unassigned,pending,snoozed,waiting,oldest_wait,"
                + "under_1h,1h_to_4h,4h_to_24h,1d_to_7d,over_7d")
        // The oldest waits depend on the binary's clock: checked apart, within the minutes the test may take.
        func withoutOldest(_ line: String) -> String {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[9] = fields[9].isEmpty ? "" : "*"
            return fields.joined(separator: ",")
        }
        #expect(lines.dropFirst().map(withoutOldest) == [
            "group,2,Sales,3,3,1,0,0,2,*,0,0,1,1,0", "group,1,Billing,2,2,1,1,0,2,*,1,1,0,0,0",
            "group,,No team,1,0,0,0,1,0,,0,0,0,0,0", "group,7,Team #7 (deleted),1,1,0,0,0,1,*,0,0,0,0,1",
            "total,,,7,6,2,1,1,5,*,1,1,1,1,1",
        ])
        let billingOldest = try #require(Int64(lines[2].split(separator: ",")[9]))
        #expect(billingOldest >= 7_200 && billingOldest < 7_200 + 600)

        let table = try Self.now(path, ["--by", "label"])
        #expect(table.status == 0, "\(table.stderr)")
        let rows = table.stdout.split(separator: "\n").map(String.init)
        #expect(rows[0] == "queue.sqlite, account 1 (Acme)")
        #expect(rows[1].hasPrefix("The queue now, by label: read at "))
        #expect(rows[2] == "Label     Open  Unattended  Unassigned  Pending  Snoozed  Waiting  Oldest wait  <1h  1-4h  4-24h  1-7d  >7d")
        #expect(rows[3] == "No label     4           3           1        1        0        2          10d    0     0      0     1    1")
        #expect(rows[4] == "refund       2           2           0        0        1        2          10h    0     1      1     0    0")
        #expect(rows[5] == "vip          2           2           1        0        0        2           2h    1     1      0     0    0")
        #expect(rows[7] == "Total        7           6           2        1        1        5          10d    1     1      1     1    1")
        #expect(rows.last == "A conversation with several labels is in the row of each; the totals count it once.")
        _ = t0
    }

    @Test func theRangeAndTheQueueDoNotMix() throws {
        let (directory, path, _) = try Self.file(.unix)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [([String], String)] = [
            (["--now", "--since", "2026-01-01", "--until", "2026-01-02"], "--now reports the queue as it is now: leave out --since, --until and --range"),
            (["--now", "--range", "7d"], "--now reports the queue as it is now: leave out --since, --until and --range"),
            (["--now", "--compare"], "--now reports the queue as it is now, with nothing to compare: leave out --compare"),
            (["--now", "--by", "day"], "the queue is by channel, inbox, team, agent or label: --by day needs a range, not --now"),
        ]
        for (arguments, sentence) in cases {
            let run = try ChanstatBinary.run(["report", "--db", path] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr == "chanstat: \(sentence)\n", "\(arguments)")
            #expect(run.stdout.isEmpty)
        }
    }

    /// A file without the queue's columns: one sentence that names the column; the range report still works.
    @Test func aFileWithoutTheColumnsSaysWhichOne() throws {
        let (directory, path, _) = try Self.file(.unix)
        defer { try? FileManager.default.removeItem(at: directory) }
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "ALTER TABLE conversations DROP COLUMN first_reply_created_at") }
        try queue.close()
        let run = try Self.now(path, [])
        #expect(run.status == 1)
        #expect(run.stderr == "chanstat: queue.sqlite has no column \"first_reply_created_at\" in table \"conversations\", "
                + "which the queue (--now) needs (files written by chanstat sample have it; see sample-data/schema.sql)\n")
        #expect(try ChanstatBinary.run(["report", "--db", path, "--account", "1", "--range", "6m"]).status == 0)
    }
}

/// serve's four live report endpoints over the fixture file (Chatwoot's shapes, the channel summary's
/// authorisation), and the HTTP source reading the queue from them.
@Suite(.serialized, .enabled(if: Shell.exists("curl"), "needs curl")) struct QueueOverServeTests {
    static func get(_ url: String, token: String?) throws -> (status: String, body: String) {
        let headers = token.map { ["-H", "Api-Access-Token: \($0)"] } ?? []
        let answer = try Shell.run("curl", ["-s", "-w", "\n%{http_code}"] + headers + [url])
        let parts = answer.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (String(parts.last ?? ""), parts.dropLast().joined(separator: "\n"))
    }

    @Test func theFourEndpointsInChatwootsShapes() throws {
        let (directory, path, _) = try QueueCommandTests.file(.text)
        defer { try? FileManager.default.removeItem(at: directory) }
        let serve = try ServeProcess(database: path)
        defer { serve.stop() }
        for (endpoint, body) in QueueFixture.liveReports {
            let administrator = try Self.get(serve.url + endpoint, token: QueueFixture.administratorToken)
            #expect(administrator.status == "200", "\(endpoint): \(administrator.body)")
            #expect(administrator.body == body, "\(endpoint)")
            let agent = try Self.get(serve.url + endpoint, token: QueueFixture.agentToken)
            #expect(agent.status == "403", "\(endpoint)")
            #expect(agent.body.contains("You are not authorized to do this action"))
            let nobody = try Self.get(serve.url + endpoint, token: nil)
            #expect(nobody.status == "401", "\(endpoint)")
            #expect(!nobody.body.contains("Sales") && !nobody.body.contains("open"))
        }
        let grouped = serve.url + "/api/v2/accounts/1/live_reports/grouped_conversation_metrics"
        for query in ["?group_by=inbox_id", "", "?group_by=team_id%00"] {
            let bad = try Self.get(grouped + query, token: QueueFixture.administratorToken)
            #expect(bad.status == "422", "\(query)")
            #expect(bad.body.hasPrefix(#"{"description":"invalid group_by","errors":[{"field":"group_by","#))
        }
        // A bad group_by from a caller without access is refused for the access first.
        #expect(try Self.get(grouped + "?group_by=inbox_id", token: QueueFixture.agentToken).status == "403")
    }

    @Test func theHTTPSourceReadsTheQueueFromServe() throws {
        let (directory, path, _) = try QueueCommandTests.file(.unix)
        defer { try? FileManager.default.removeItem(at: directory) }
        let serve = try ServeProcess(database: path)
        defer { serve.stop() }
        let environment = ["CHATWOOT_API_TOKEN": QueueFixture.administratorToken]
        func overHTTP(_ extra: [String]) throws -> ProcessResult {
            try ChanstatBinary.run(["report", "--url", serve.url, "--account", "1", "--now"] + extra, environment: environment)
        }
        let unknown = "chanstat: Chatwoot's API gives no snoozed or waiting conversations, no waits, and no pending per "
            + "group; read the database (--db FILE or --db postgres://…) for them\n"
        let team = try overHTTP(["--by", "team", "--format", "json"])
        #expect(team.status == 0, "\(team.stderr)")
        #expect(team.stdout == QueueFixture.teamJSONOverHTTP(at: QueueFixture.at(team.stdout) ?? 0))
        #expect(team.stderr == unknown)

        let totals = try overHTTP(["--format", "json"])
        #expect(totals.stdout.hasSuffix(#""by":"channel","groups":[],"total":{"open":7,"unattended":6,"unassigned":2,"#
                                        + #""pending":1,"snoozed":null,"waiting":null,"oldest_wait":null,"wait":null}}"# + "\n"))

        let agents = try overHTTP(["--by", "agent"])
        #expect(agents.status == 0, "\(agents.stderr)")
        let rows = agents.stdout.split(separator: "\n").map(String.init)
        #expect(rows.contains("Admin                  2           2           0        ?        ?        ?            ?    ?     ?      ?     ?    ?"))
        #expect(rows.contains("Unassigned             2           2           2        ?        ?        ?            ?    ?     ?      ?     ?    ?"))
        #expect(rows.contains("Agent #8 (deleted)     1           1           0        ?        ?        ?            ?    ?     ?      ?     ?    ?"))
        #expect(rows.last == "?: Chatwoot's API gives no snoozed or waiting conversations, no waits, and no pending per group; "
                + "read the database (--db FILE or --db postgres://…) for them")

        // Asked for by name, a split the API lacks is refused, channel included (without --by: the totals).
        for breakdown in ["channel", "inbox", "label"] {
            let refused = try overHTTP(["--by", breakdown])
            #expect(refused.status == 1)
            #expect(refused.stderr == "chanstat: Chatwoot's API splits the queue by team and agent only; read the database "
                    + "(--db FILE or --db postgres://…) for the queue by \(breakdown)\n")
            #expect(refused.stdout.isEmpty)
        }
        let agentToken = try ChanstatBinary.run(["report", "--url", serve.url, "--account", "1", "--now"],
                                                environment: ["CHATWOOT_API_TOKEN": QueueFixture.agentToken])
        #expect(agentToken.status == 1)
        #expect(agentToken.stderr.contains("use the token of an administrator of that account"))
        #expect(!agentToken.stderr.contains(QueueFixture.agentToken))
    }
}
