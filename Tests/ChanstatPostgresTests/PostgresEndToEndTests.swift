import ChanstatCore
import ChanstatTestSupport
import Foundation
import Testing

extension PostgresServerTests {
    /// The real binary over a real server: `sample --out postgres://…`, `report`, and `serve` over Chatwoot's
    /// own tables and tokens, read back through the HTTP source.
    @Suite(.enabled(if: PostgresCluster.isAvailable && ChanstatBinary.isBuilt, "needs PostgreSQL and a built chanstat"),
           .timeLimit(.minutes(5)))
    struct PostgresEndToEndTests {
        /// Sample data ending on a fixed day, so both databases get the same rows.
        static let sampleArguments = ["--conversations", "30000", "--accounts", "3", "--days", "200", "--end", "2026-11-20",
                                      "--seed", "11"]
        static let ranges: [[String]] = [["--since", "2026-11-01", "--until", "2026-11-20"],
                                         ["--since", "2026-06-01", "--until", "2026-11-20"],
                                         ["--since", "1790000000", "--until", "1790086400"]]

        func chanstat(_ arguments: [String], _ environment: [String: String] = [:]) throws -> ProcessResult {
            try ChanstatBinary.run(arguments, environment: environment)
        }

        /// The tokens `sample` printed, by "account N role".
        func tokens(_ output: String) -> [String: String] {
            var tokens: [String: String] = [:]
            for line in output.split(separator: "\n") where line.hasPrefix("  account ") {
                let words = line.split(separator: " ")
                // "account 1 (Acme Support) administrator: TOKEN"
                guard let role = words.dropLast().last?.dropLast(), let token = words.last else { continue }
                tokens["account \(words[1]) \(role)"] = String(token)
            }
            return tokens
        }

        /// The same `sample` into SQLite and into PostgreSQL gives the same report, in every account and range.
        @Test func sampleInBothDatabasesGivesTheSameReports() throws {
            let database = try ChatwootDatabase.make(withTables: false)
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-pg-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let file = scratch.appendingPathComponent("same.sqlite").path
            let intoPostgres = try chanstat(["sample", "--out", database.url()] + Self.sampleArguments)
            #expect(intoPostgres.status == 0, "\(intoPostgres.stderr)")
            let intoFile = try chanstat(["sample", "--out", file] + Self.sampleArguments)
            #expect(intoFile.status == 0)
            #expect(tokens(intoPostgres.stdout) == tokens(intoFile.stdout))
            #expect(tokens(intoPostgres.stdout).count == 7)
            for account in ["1", "2", "3"] {
                for range in Self.ranges {
                    let fromPostgres = try chanstat(["report", "--db", database.url(), "--account", account, "--format", "json"] + range)
                    let fromFile = try chanstat(["report", "--db", file, "--account", account, "--format", "json"] + range)
                    #expect(fromPostgres.status == 0, "\(fromPostgres.stderr)")
                    #expect(fromPostgres.stdout == fromFile.stdout, "account \(account) \(range)")
                }
            }
            #expect(try chanstat(["report", "--db", database.url(), "--account", "1", "--format", "json"] + Self.ranges[0])
                .stdout.count > 100)
            // Chatwoot's tables with their stock indexes, and nothing of chanstat's own.
            let indexes = try database.sql("SELECT indexname FROM pg_indexes WHERE tablename = 'conversations' ORDER BY 1")
            #expect(indexes.split(separator: "\n") == ["conv_acid_inbid_stat_asgnid_idx", "conversations_pkey",
                                                        "index_conversations_on_account_id",
                                                        "index_conversations_on_account_id_and_display_id",
                                                        "index_conversations_on_assignee_id_and_account_id",
                                                        "index_conversations_on_first_reply_created_at",
                                                        "index_conversations_on_id_and_account_id",
                                                        "index_conversations_on_inbox_id", "index_conversations_on_status_and_account_id",
                                                        "index_conversations_on_team_id", "index_conversations_on_waiting_since"])
            #expect(try database.sql("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                                     + "'conversations'::regclass AND attname = 'created_at'") == "timestamp without time zone")
        }

        /// `--compare` and `--by inbox` over Chatwoot's tables: the same hand-counted answers as on a file.
        @Test func compareAndInboxes() throws {
            let database = try ChatwootDatabase.make()
            try database.sql(CompareFixture.inserts)
            for (extra, expected) in CompareFixture.outputs {
                let run = try chanstat(["report", "--db", database.url()] + CompareFixture.arguments + extra, ["PGTZ": "Asia/Tokyo"])
                #expect(run.status == 0, "\(extra): \(run.stderr)")
                #expect(run.stdout == expected, "\(extra)")
            }
            let table = try chanstat(["report", "--db", database.url()] + CompareFixture.arguments + ["--compare"])
            #expect(table.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).joined(separator: "\n")
                    == CompareFixture.comparisonTable)
        }

        /// `--by day` in New York across its change from daylight-saving time: the hand-counted days, whatever
        /// the session's zone (PGTZ) and the server's; one query. A `timestamptz` column gives the same days.
        @Test func dayByDay() throws {
            let database = try ChatwootDatabase.make()
            try database.sql(DayFixture.inserts)
            func check(_ label: String) throws {
                for (extra, expected) in DayFixture.outputs {
                    let run = try chanstat(["report", "--db", database.url()] + DayFixture.arguments + extra, ["PGTZ": "Pacific/Chatham"])
                    #expect(run.status == 0, "\(label) \(extra): \(run.stderr)")
                    #expect(run.stdout == expected, "\(label) \(extra)")
                }
                let table = try chanstat(["report", "--db", database.url()] + DayFixture.arguments + ["--by", "day"])
                #expect(table.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).joined(separator: "\n")
                        == DayFixture.table, "\(label)")
            }
            try check("timestamp")
            try database.sql("ALTER TABLE conversations ALTER COLUMN created_at TYPE timestamptz USING created_at AT TIME ZONE 'UTC'")
            try check("timestamptz")
        }

        /// A user that may connect but not create tables is told that sample creates tables (issue 24 item 2),
        /// not the report's "GRANT SELECT"; nothing is written.
        @Test func sampleWithoutCreateRightsSaysItCreatesTables() throws {
            let database = try ChatwootDatabase.make(withTables: false)
            let role = "nocreate_" + UUID().uuidString.prefix(6).lowercased()
            try database.cluster.createRole(role, password: nil)
            // PostgreSQL 15 and later already refuse CREATE on public to others; older ones must be told.
            try database.sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
            let run = try chanstat(["sample", "--out", database.url(user: role), "--conversations", "20",
                                    "--end", "2026-11-20"])
            #expect(run.status == 1)
            #expect(run.stderr == "chanstat: user \(role) may not create tables in database \(database.name) (server: "
                    + "permission denied for schema public); sample creates Chatwoot's tables, so it needs a user that "
                    + "may: the database's owner, or GRANT CREATE ON SCHEMA public to this user\n")
            #expect(!run.stderr.contains("GRANT SELECT"))
            #expect(try database.sql("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'") == "0")
        }

        @Test func sampleRefusesExistingTablesAndRealChatwoots() throws {
            let database = try ChatwootDatabase.make(withTables: false)
            let small = ["--conversations", "200", "--end", "2026-11-20"]
            #expect(try chanstat(["sample", "--out", database.url()] + small).status == 0)
            let again = try chanstat(["sample", "--out", database.url()] + small)
            #expect(again.status == 1)
            #expect(again.stderr.contains("already has Chatwoot's tables (access_tokens, account_users, accounts, conversations, inboxes, taggings, tags, teams, users); use --force to replace them"))
            try database.sql("INSERT INTO accounts (id, name) VALUES (99, 'kept until --force')")
            #expect(try chanstat(["sample", "--out", database.url(), "--force"] + small).status == 0)
            #expect(try database.sql("SELECT count(*) FROM accounts WHERE id = 99") == "0")
            #expect(try database.sql("SELECT count(*) FROM conversations") == "200")

            let real = try ChatwootDatabase.make()
            try real.sql("CREATE TABLE schema_migrations (version varchar PRIMARY KEY)")
            let refused = try chanstat(["sample", "--out", real.url(), "--force"] + small)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("has a schema_migrations table: it looks like a real Chatwoot database, and sample never writes into one"))
            #expect(try real.sql("SELECT count(*) FROM accounts") == "0")
        }

        /// `serve` over Chatwoot's tables: administrators read, agents and bots do not, a suspended account is
        /// refused; the HTTP source reading it gets the database's own report.
        @Test func serveOverChatwootsTokens() throws {
            let database = try ChatwootDatabase.make(withTables: false)
            let sampled = try chanstat(["sample", "--out", database.url()] + Self.sampleArguments)
            let tokens = tokens(sampled.stdout)
            let serve = try ServeProcess(database: database.url(), arguments: ["--cache-seconds", "60"])
            defer { _ = serve.stop() }
            let range = Self.ranges[1]
            func overHTTP(_ token: String?, account: String) throws -> ProcessResult {
                try chanstat(["report", "--url", serve.url, "--account", account, "--format", "json"] + range,
                             token.map { ["CHATWOOT_API_TOKEN": $0] } ?? [:])
            }
            let direct = try chanstat(["report", "--db", database.url(), "--account", "1", "--format", "json"] + range)
            let viaServe = try overHTTP(tokens["account 1 administrator"], account: "1")
            #expect(viaServe.status == 0, "\(viaServe.stderr) \(serve.log)")
            #expect(viaServe.stdout == direct.stdout)

            let agent = try overHTTP(tokens["account 1 agent"], account: "1")
            #expect(agent.status == 1)
            #expect(agent.stderr.contains("administrator"))
            let bot = try overHTTP(tokens["account 1 bot"], account: "1")
            #expect(bot.status == 1)
            let otherAccount = try overHTTP(tokens["account 2 administrator"], account: "1")
            #expect(otherAccount.status == 1)
            let unknown = try overHTTP("not-a-token-at-all-xxxxx", account: "1")
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("Invalid Access Token") || unknown.stderr.contains("not valid"))

            try database.sql("UPDATE accounts SET status = 1 WHERE id = 3")
            let suspended = try Shell.run("curl", ["-s", "-H", "Api-Access-Token: \(tokens["account 3 administrator"] ?? "")",
                                                   "\(serve.url)/api/v2/accounts/3/summary_reports/channel?since=0&until=86400"])
            #expect(suspended.stdout.contains("\"code\":\"account_suspended\""))
            #expect(!serve.log.contains(tokens["account 1 administrator"] ?? "never"))
            // SIGTERM: a graceful stop, the database connection closed cleanly, status 0.
            #expect(serve.stop().status == 0)
        }

        /// Many dashboards behind one `serve`: twenty clients asking for the same account and range at once cost
        /// the database one report query and one access query (counted in the server's statement log).
        @Test func serveAnswersTheSameQuestionFromOneQuery() throws {
            var options = PostgresCluster.Options()
            options.extraSettings = ["log_min_duration_statement": "0"]
            let cluster = try PostgresCluster.start(options)
            defer { cluster.destroy() }
            let database = try ChatwootDatabase.make(on: cluster, withTables: false)
            let tokens = tokens(try chanstat(["sample", "--out", database.url()] + Self.sampleArguments).stdout)
            let serve = try ServeProcess(database: database.url(), arguments: ["--cache-seconds", "120"])
            defer { _ = serve.stop() }
            // The log has a line for each protocol step (parse, bind, execute); a query run is one `execute`.
            func executions(_ marker: String) -> Int {
                cluster.logContents.split(separator: "\n").filter { $0.contains(" execute ") && $0.contains(marker) }.count
            }
            func reportQueries() -> Int { executions("SELECT g.inbox_id") }
            func accessQueries() -> Int { executions("SELECT t.owner_type") }
            let before = (reportQueries(), accessQueries())
            let path = "/api/v2/accounts/1/summary_reports/channel?since=1790000000&until=1795000000"
            // At once: those that arrive while the first query runs wait for it rather than starting their own.
            let statuses = Statuses(), url = serve.url + path
            DispatchQueue.concurrentPerform(iterations: 20) { _ in
                let result = try? Shell.run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H",
                                                     "Api-Access-Token: \(tokens["account 1 administrator"] ?? "")", url])
                statuses.append(result?.stdout ?? "no answer")
            }
            #expect(statuses.all == Array(repeating: "200", count: 20))
            #expect(reportQueries() - before.0 == 1)
            #expect(accessQueries() - before.1 == 1)
            // Another range is another question.
            _ = try Shell.run("curl", ["-s", "-H", "Api-Access-Token: \(tokens["account 1 administrator"] ?? "")",
                                       serve.url + "/api/v2/accounts/1/summary_reports/channel?since=1790000000&until=1795000001"])
            #expect(reportQueries() - before.0 == 2)
        }
    }
}

private final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func append(_ value: String) { lock.withLock { values.append(value) } }
    var all: [String] { lock.withLock { values } }
}
