import ChanstatCore
import ChanstatTestSupport
import Foundation

/// `chanstat report` over PostgreSQL against psql running Chatwoot's own query (the one behind its
/// conversation counts, as Rails writes it) on the same database, same role, same TCP login (scram, the
/// password in PGPASSWORD for both), whole process against whole process, alternating runs. On Chatwoot's
/// stock indexes first, then again with the optional index docs/postgres.md describes.
final class PostgresBenchmark: Sendable {
    let chanstat: String
    let runs: Int
    let cluster: PostgresCluster
    let psql: String

    static let role = "chanstat_bench"
    let password = "bench-" + UUID().uuidString
    static let settings = ["shared_buffers": "512MB", "work_mem": "16MB"]
    static let optionalIndex = "index_conversations_on_account_created"

    /// The last 180 days before the sample's end (a 6-month preset): [2026-05-25, 2026-11-21) UTC, and the same
    /// bounds as Rails prints them for Chatwoot's query (UTC, no zone).
    static let until: Int64 = 1_795_219_200  // 2026-11-21 00:00 UTC
    static let since: Int64 = until - 180 * 86_400  // 2026-05-25 00:00 UTC
    static let sinceText = utcText(since), untilText = utcText(until)

    static func utcText(_ seconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Chatwoot's query, exactly (ConversationFinder-style grouping of `Current.account.conversations`).
    static let chatwootQuery = """
        SELECT COUNT(*) AS count_all, "inboxes"."channel_type", "conversations"."status" \
        FROM "conversations" INNER JOIN "inboxes" ON "inboxes"."id" = "conversations"."inbox_id" \
        WHERE "conversations"."account_id" = 1 \
        AND "conversations"."created_at" >= '\(sinceText)' AND "conversations"."created_at" < '\(untilText)' \
        GROUP BY "inboxes"."channel_type", "conversations"."status"
        """

    /// chanstat's `reportQuery` (Sources/ChanstatPostgres/Report/PostgresQueries.swift) with its parameters
    /// written in, for EXPLAIN: $1 → 1, $2/$3 → the UTC bounds (created_at is `timestamp without time zone`).
    static let chanstatQuery = """
        SELECT g.inbox_id::int8, i.channel_type::text, g.status::int8, g.n, i.name::text
          FROM (SELECT inbox_id, status, COUNT(*) AS n FROM conversations
                 WHERE account_id = 1 AND created_at >= '\(sinceText)'::timestamp AND created_at < '\(untilText)'::timestamp
                 GROUP BY inbox_id, status) AS g
          JOIN inboxes AS i ON i.id = g.inbox_id
        """

    struct Row {
        let database: String
        let indexes: String
        let report: [ChildRun]
        let psql: [ChildRun]
    }

    init(chanstat: String, runs: Int) throws {
        guard PostgresCluster.isAvailable else { throw BenchmarkError("PostgreSQL is not installed (or no postgres OS user)") }
        // Debian's /usr/bin/psql is a Perl wrapper (pg_wrapper) that picks a version and then execs the real
        // psql: its Perl start-up would be charged to psql. The real program, from the server's own version.
        let candidates = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .compactMap { Int($0) }.sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin/psql" }
        guard let psql = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BenchmarkError("no psql under /usr/lib/postgresql")
        }
        self.chanstat = chanstat
        self.runs = runs
        self.psql = psql
        var options = PostgresCluster.Options()  // TimeZone America/New_York: not UTC on purpose
        options.extraSettings = Self.settings
        cluster = try PostgresCluster.start(options)
        do {
            try cluster.createRole(Self.role, password: password)
        } catch {
            cluster.destroy()
            throw error
        }
    }

    func destroy() { cluster.destroy() }

    /// The environment of both clients: the caller's without PG* variables, and the role's password.
    var clientEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment["PGPASSWORD"] = password
        return environment
    }

    /// What `--db` gets: the role, TCP to 127.0.0.1, no password (that is in PGPASSWORD), as psql's login.
    func reportURL(_ database: String) -> String { "postgres://\(Self.role)@127.0.0.1:\(cluster.port)/\(database)" }

    // MARK: Data

    /// A database of `conversations` rows written by `chanstat sample` (Chatwoot's six tables, stock indexes,
    /// ANALYZE), readable by the benchmark role. Prints how long the sample took.
    func prepare(conversations: Int) throws -> String {
        defer { fflush(nil) }
        let database = "bench_\(conversations)"
        try cluster.createDatabase(database)
        let out = "postgres:///\(database)?host=\(cluster.socketDirectory)&port=\(cluster.port)&user=postgres"
        let run = try ChildProcess.run([chanstat, "sample", "--out", out, "--conversations", String(conversations),
                                        "--accounts", "3", "--days", "365", "--end", ReportBenchmark.endDay, "--seed", "7"],
                                       environment: clientEnvironment)
        guard run.status == 0 else { throw BenchmarkError("sample into \(database) failed (status \(run.status))") }
        // Every table chanstat reads, the breakdowns' too (`ChatwootTables`), so that the dashboard's views can be timed.
        try cluster.psql("GRANT SELECT ON \(ChatwootTables.allTables.joined(separator: ", ")) TO \(Self.role)",
                         database: database)
        // What autovacuum does within a minute or so of a bulk load (and a live table has had long ago): the
        // visibility map set, so that index-only scans are possible. Done here, so that no figure depends on
        // when autovacuum happens to run.
        let vacuumStarted = Date()
        try cluster.psql("VACUUM conversations", database: database)
        let vacuumSeconds = Date().timeIntervalSince(vacuumStarted)
        let size = try cluster.psql("""
            SELECT pg_size_pretty(pg_total_relation_size('conversations')), pg_size_pretty(pg_relation_size('conversations')),
                   (SELECT count(*) FROM conversations WHERE account_id = 1),
                   (SELECT count(*) FROM conversations WHERE account_id = 1
                       AND created_at >= '\(Self.sinceText)' AND created_at < '\(Self.untilText)')
            """, database: database).split(separator: "|")
        print(String(format: "  sample --conversations %d into %@: %.1f s, peak %d MB (then VACUUM conversations: %.1f s)",
                     conversations, database, run.seconds, run.peakKilobytes / 1024, vacuumSeconds))
        if size.count == 4 {
            print("    conversations: \(size[0]) with indexes (\(size[1]) heap); account 1: \(size[2]) rows, \(size[3]) in the range")
        }
        return database
    }

    /// Built as an owner would on a live primary: CONCURRENTLY, then ANALYZE. Prints how long it took.
    func addOptionalIndex(database: String) throws {
        let started = Date()
        try cluster.psql("""
            CREATE INDEX CONCURRENTLY \(Self.optionalIndex) ON conversations (account_id, created_at) INCLUDE (inbox_id, status);
            ANALYZE conversations;
            """, database: database)
        print(String(format: "  %@ on %@: built (CONCURRENTLY) and analyzed in %.1f s", Self.optionalIndex, database,
                     Date().timeIntervalSince(started)))
    }

    // MARK: Measuring

    /// Chatwoot's query as psql sends it (literals, simple protocol), and chanstat's as the server really runs
    /// it: the plan auto_explain logs for one `chanstat report` (its parameters bound as postgres-nio binds them:
    /// $1 int8, $2 and $3 text), then the same query with the bounds written in as literals, for comparison.
    func explain(database: String) throws {
        defer { fflush(nil) }
        let chatwoot = try cluster.psql("EXPLAIN (ANALYZE, BUFFERS) \(Self.chatwootQuery)", database: database, user: Self.role)
        print("  EXPLAIN (ANALYZE, BUFFERS) of Chatwoot's query (psql) on \(database):")
        for line in chatwoot.split(separator: "\n") { print("    " + line) }
        if let logged = try planAsRun(database: database) {
            print("  chanstat report's query as run (auto_explain, log_analyze, log_buffers) on \(database):")
            for line in logged { print("    " + line) }
        }
        let literal = try cluster.psql("EXPLAIN (ANALYZE, BUFFERS) \(Self.chanstatQuery)", database: database, user: Self.role)
            .split(separator: "\n")
        print("  chanstat's query with its bounds as timestamp literals: " + (literal.first.map(String.init) ?? "")
              + "; " + (literal.last.map(String.init) ?? ""))
    }

    /// One run of `chanstat report` with auto_explain on for the benchmark role in `database` (a role setting,
    /// reset at once): the plan of the report query from the server's log, or nil without auto_explain.
    func planAsRun(database: String) throws -> [String]? {
        let scope = "ALTER ROLE \(Self.role) IN DATABASE \(database)"
        do {
            try cluster.psql("""
                \(scope) SET session_preload_libraries = 'auto_explain';
                \(scope) SET auto_explain.log_min_duration = 0;
                \(scope) SET auto_explain.log_analyze = on;
                \(scope) SET auto_explain.log_buffers = on;
                """)
        } catch {
            print("  (no auto_explain: \(error))")
            return nil
        }
        defer { _ = try? cluster.psql("\(scope) RESET ALL") }
        let logBefore = cluster.logContents.utf8.count
        let run = try ChildProcess.run(reportCommand(database), environment: clientEnvironment)
        guard run.status == 0 else { throw BenchmarkError("report failed (status \(run.status))") }
        // The log's continuation lines start with a tab; an entry is "... LOG:  duration: N ms  plan:", then
        // "Query Text: ...", then the plan.
        let lines = String(decoding: Array(cluster.logContents.utf8.dropFirst(logBefore)), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        var entries: [[Substring]] = []
        for line in lines {
            if line.contains("plan:") { entries.append([line]) }
            else if line.hasPrefix("\t"), !entries.isEmpty { entries[entries.count - 1].append(line) }
        }
        guard let entry = entries.last(where: { $0.contains { $0.contains("GROUP BY c.inbox_id, c.status") } }) else {
            print("  (auto_explain logged no plan for the report query)")
            return nil
        }
        let duration = entry[0].range(of: "duration:").map { String(entry[0][$0.lowerBound...]) } ?? ""
        // The plan starts after the query text (which spans several lines): at the first line with "(cost=".
        let plan = entry.drop { !$0.contains("(cost=") }.map { String($0.dropFirst()) }
        return [duration] + plan
    }

    func reportCommand(_ database: String) -> [String] {
        [chanstat, "report", "--db", reportURL(database), "--account", "1", "--since", String(Self.since),
         "--until", String(Self.until), "--format", "json"]
    }

    func measure(database: String, indexes: String) throws -> Row {
        let report = reportCommand(database)
        let chatwoot = [psql, "-X", "-At", "host=127.0.0.1 port=\(cluster.port) user=\(Self.role) dbname=\(database)",
                        "-c", Self.chatwootQuery]
        let environment = clientEnvironment
        // One untimed run of each: it warms the buffers, and its answers must agree before anything is timed.
        let check = try ChildProcess.run(report, environment: environment)
        let reference = try ChildProcess.run(chatwoot, environment: environment)
        guard check.status == 0 else { throw BenchmarkError("report failed (status \(check.status)): \(check.output)") }
        guard reference.status == 0 else { throw BenchmarkError("psql failed (status \(reference.status))") }
        try Self.verifySameAnswer(json: check.output, psqlRows: reference.output)
        var reportRuns: [ChildRun] = [], psqlRuns: [ChildRun] = []
        for _ in 0..<runs {
            reportRuns.append(try ChildProcess.run(report, environment: environment))
            psqlRuns.append(try ChildProcess.run(chatwoot, environment: environment))
        }
        guard (reportRuns + psqlRuns).allSatisfy({ $0.status == 0 }) else { throw BenchmarkError("a timed run failed") }
        return Row(database: database, indexes: indexes, report: reportRuns, psql: psqlRuns)
    }

    /// psql's rows are `count|channel_type|status`; the JSON is `{"Channel::X": {"open": n, …, "total": n}}`.
    static func verifySameAnswer(json: String, psqlRows: String) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [String: Int]] else {
            throw BenchmarkError("report did not print a JSON object: \(json.prefix(200))")
        }
        let keys = [0: "open", 1: "resolved", 2: "pending", 3: "snoozed"]
        var expected: [String: [String: Int]] = [:]
        for line in psqlRows.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let count = Int(fields[0]), let status = Int(fields[2]), let key = keys[status]
            else { throw BenchmarkError("unexpected psql row: \(line)") }
            expected[fields[1], default: [:]][key, default: 0] += count
        }
        let actual = object.mapValues { $0.filter { $0.key != "total" && $0.value != 0 } }
        guard !expected.isEmpty, actual == expected else {
            throw BenchmarkError("report and Chatwoot's query disagree:\n\(json)\n\(psqlRows)")
        }
    }

    static func printTable(_ rows: [Row]) {
        print("\n| database | indexes | chanstat report | psql (Chatwoot's query) | ratio | report peak RSS | psql peak RSS |")
        print("|---|---|---|---|---|---|---|")
        for row in rows {
            let report = median(row.report.map(\.seconds)), psql = median(row.psql.map(\.seconds))
            let conversations = Int(row.database.split(separator: "_").last ?? "") ?? 0
            let name = conversations % 1_000_000 == 0 ? "\(conversations / 1_000_000)M conversations"
                                                      : "\(conversations) conversations"
            print(String(format: "| %@ | %@ | %.1f ms | %.1f ms | %.2f | %d MB | %d MB |", name, row.indexes,
                         report * 1000, psql * 1000, psql / report,
                         row.report.map(\.peakKilobytes).max()! / 1024, row.psql.map(\.peakKilobytes).max()! / 1024))
        }
    }

    /// Every timed run, in order, under the table: the spread the medians hide.
    static func printRuns(_ rows: [Row]) {
        for row in rows {
            let list = { (runs: [ChildRun]) in runs.map { String(format: "%.0f", $0.seconds * 1000) }.joined(separator: " ") }
            print("  \(row.database), \(row.indexes): report \(list(row.report)) ms; psql \(list(row.psql)) ms")
        }
    }
}

func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3)
        .joined(separator: " ")
}

/// `chanstat-bench postgres`: the report table, then the dashboard over the largest database (unless
/// `--dashboard-keys 0`). `chanstat-bench postgres-dashboard`: the dashboard only.
func runPostgresBenchmark(chanstat: String, runs: Int, sizes: [Int], dashboardOnly: Bool) throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || option("--dashboard-keys", default: "6") == "0"
    else { throw BenchmarkError("tmux is needed for the dashboard figures (or pass --dashboard-keys 0)") }
    let benchmark = try PostgresBenchmark(chanstat: chanstat, runs: runs)
    defer { benchmark.destroy() }
    // Stop the server and remove its files on ^C too (deinit does not run on exit()).
    for sig in [SIGINT, SIGTERM] {
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler { benchmark.destroy(); exit(130) }
        source.resume()
        signalSources.append(source)
    }
    let keys = Int(option("--dashboard-keys", default: option("--keys", default: "6"))) ?? 6
    let dashboard = DashboardBenchmark(chanstat: chanstat, idleSeconds: Double(option("--idle", default: "30")) ?? 30,
                                       keyPresses: keys, environment: ["PGPASSWORD": benchmark.password])
    let postgresVersion = (try? benchmark.cluster.psql("SHOW server_version")) ?? "?"
    let timeZone = (try? benchmark.cluster.psql("SHOW TimeZone")) ?? "?"
    print("PostgreSQL \(postgresVersion) (TimeZone \(timeZone); shared_buffers 512MB, work_mem 16MB, other settings "
          + "default but fsync off), role \(PostgresBenchmark.role) over TCP 127.0.0.1:\(benchmark.cluster.port) (scram-sha-256)")
    print("range: account 1, [\(PostgresBenchmark.sinceText), \(PostgresBenchmark.untilText)) UTC; load average at start: \(loadAverage())")
    print("psql: \(benchmark.psql)\n")
    fflush(nil)

    var rows: [PostgresBenchmark.Row] = []
    var dashboardRows: [(String, DashboardBenchmark.Figures)] = []
    // --views 0: the range keys only; else `g`, `n` and Enter as `chanstat-bench dashboard --views` times them.
    let viewRounds = Int(option("--views", default: "3")) ?? 3
    var views: [(source: String, keys: [DashboardBenchmark.ViewKey])] = []
    let largest = sizes.max()
    for size in dashboardOnly ? [largest].compactMap({ $0 }) : sizes {
        let database = try benchmark.prepare(conversations: size)
        let withDashboard = keys > 0 && size == largest
        for (indexes, build) in [("stock", false), ("stock + optional", true)] {
            if build { try benchmark.addOptionalIndex(database: database) }
            if !dashboardOnly {
                try benchmark.explain(database: database)
                rows.append(try benchmark.measure(database: database, indexes: indexes))
                PostgresBenchmark.printTable([rows.last!])
                PostgresBenchmark.printRuns([rows.last!])
                fflush(nil)  // stdout is a pipe or a file: in order with the children's stderr
            }
            if withDashboard {
                let arguments = ["--db", benchmark.reportURL(database), "--account", "1"]
                let figures = try dashboard.measure(name: "\(database), \(indexes) indexes", arguments: arguments)
                dashboardRows.append((indexes, figures))
                if viewRounds > 0 {
                    views.append(("\(indexes) indexes", try dashboard.measureViewKeys(arguments: arguments, rounds: viewRounds)))
                }
            }
        }
    }
    if !rows.isEmpty {
        print("\nreport for a 180-day range, account 1: chanstat report vs psql running Chatwoot's query")
        print("(\(runs) runs each, alternating, whole process, medians; ratio = psql / report, above 1 means report is faster; answers checked equal)")
        PostgresBenchmark.printTable(rows)
        print("")
        PostgresBenchmark.printRuns(rows)
    }
    if !dashboardRows.isEmpty {
        print("\ndashboard over PostgreSQL (\(largest ?? 0) conversations, --db postgres://…, --account 1), tmux 120x40; "
              + "key presses alternate presets 5 and 3\n")
        print("| indexes | first complete frame | key to redrawn frame (median, max) | idle CPU | peak memory |")
        print("|---|---|---|---|---|")
        for (indexes, figures) in dashboardRows {
            print(String(format: "| %@ | %.0f ms | %.0f ms, %.0f ms | %.2f%% over %.0f s | %d MB |", indexes,
                         figures.firstFrame * 1000, median(figures.keyToFrame) * 1000,
                         (figures.keyToFrame.max() ?? .nan) * 1000, figures.idleCPUPercent, dashboard.idleSeconds,
                         figures.peakKilobytes / 1024))
            print("  key to frame, each press: " + figures.keyToFrame.map { String(format: "%.0f", $0 * 1000) }
                .joined(separator: ", ") + " ms")
        }
    }
    if !views.isEmpty { DashboardBenchmark.printViewKeys(views, rounds: viewRounds) }
    print("\nload average at end: \(loadAverage())")
}

nonisolated(unsafe) var signalSources: [DispatchSourceSignal] = []
