import Foundation

/// `chanstat-bench days`: `report --by day` for the 180-day range against the plain report on the same source
/// and range (whole process, alternating runs, medians; the days' sums checked equal to the plain answer), on the
/// SQLite file with and without the recommended index and on PostgreSQL with Chatwoot's stock indexes; then the
/// dashboard's key-to-frame time for `t` (the trend view, its day query included) on the indexed file.
struct DaysBenchmark {
    let runs: Int

    struct Row {
        let source: String
        let plain: [ChildRun]
        let days: [ChildRun]
    }

    func measure(source: String, plain: [String], environment: [String: String]? = nil) throws -> Row {
        let days = plain + ["--by", "day"]
        let check = try ChildProcess.run(plain, environment: environment)
        let daily = try ChildProcess.run(days, environment: environment)
        guard check.status == 0, daily.status == 0 else { throw BenchmarkError("a report failed: \(check.output) \(daily.output)") }
        try Self.verifySums(days: daily.output, plain: check.output)
        var plainRuns: [ChildRun] = [], dayRuns: [ChildRun] = []
        for _ in 0..<runs {
            plainRuns.append(try ChildProcess.run(plain, environment: environment))
            dayRuns.append(try ChildProcess.run(days, environment: environment))
        }
        guard (plainRuns + dayRuns).allSatisfy({ $0.status == 0 }) else { throw BenchmarkError("a timed run failed") }
        return Row(source: source, plain: plainRuns, days: dayRuns)
    }

    /// The days' counts, summed, must be the plain report's.
    static func verifySums(days: String, plain: String) throws {
        typealias Summary = [String: [String: Int]]
        guard let perDay = try JSONSerialization.jsonObject(with: Data(days.utf8)) as? [String: Summary],
              let whole = try JSONSerialization.jsonObject(with: Data(plain.utf8)) as? Summary else {
            throw BenchmarkError("a report did not print JSON")
        }
        var summed: Summary = [:]
        for summary in perDay.values {
            for (type, counts) in summary { for (key, count) in counts { summed[type, default: [:]][key, default: 0] += count } }
        }
        guard summed == whole else { throw BenchmarkError("the days do not add up to the plain report") }
        print("  \(perDay.count) days, adding up to the plain report")
    }

    static func printTable(_ rows: [Row]) {
        print("| source | report | report --by day | ratio | report peak RSS | --by day peak RSS |")
        print("|---|---|---|---|---|---|")
        for row in rows {
            let plain = median(row.plain.map(\.seconds)), days = median(row.days.map(\.seconds))
            print(String(format: "| %@ | %.1f ms | %.1f ms | %.2f | %d MB | %d MB |", row.source, plain * 1000, days * 1000,
                         days / plain, row.plain.map(\.peakKilobytes).max()! / 1024, row.days.map(\.peakKilobytes).max()! / 1024))
        }
    }
}

func runDaysBenchmark(chanstat: String, reports: ReportBenchmark, runs: Int, size: Int) throws {
    let benchmark = DaysBenchmark(runs: runs)
    let range = ["--account", "1", "--since", String(ReportBenchmark.since), "--until", String(ReportBenchmark.until),
                 "--utc", "--format", "json"]
    print("report --by day vs report, 180 days, account 1, UTC days (\(runs) runs each, alternating, whole process, "
          + "medians); load average at start: \(loadAverage())\n")
    var rows: [DaysBenchmark.Row] = []
    let files = try reports.prepare(conversations: size)
    rows.append(try benchmark.measure(source: "SQLite \(size), indexed", plain: [chanstat, "report", "--db", files.indexed] + range))
    rows.append(try benchmark.measure(source: "SQLite \(size), no index", plain: [chanstat, "report", "--db", files.plain] + range))
    if !CommandLine.arguments.contains("--no-postgres") {
        let postgres = try PostgresBenchmark(chanstat: chanstat, runs: runs)
        defer { postgres.destroy() }
        let database = try postgres.prepare(conversations: size)
        let plain = postgres.reportCommand(database) + ["--utc"]
        rows.append(try benchmark.measure(source: "PostgreSQL \(size), stock indexes", plain: plain,
                                          environment: postgres.clientEnvironment))
    }
    print("")
    DaysBenchmark.printTable(rows)

    let keys = Int(option("--keys", default: "6")) ?? 6
    let dashboard = DashboardBenchmark(chanstat: chanstat, idleSeconds: 0, keyPresses: keys)
    let times = try dashboard.measureTrend(arguments: ["--db", files.indexed, "--account", "1", "--range", "6m", "--utc"])
    print(String(format: "\ndashboard, %d conversations (indexed file), last 6 months, tmux 120x40: t to the trend's frame "
                 + "median %.0f ms, max %.0f ms (each: %@ ms)", size, median(times) * 1000, (times.max() ?? .nan) * 1000,
                 times.map { String(format: "%.0f", $0 * 1000) }.joined(separator: ", ")))
    print("load average at end: \(loadAverage())")
}

extension DashboardBenchmark {
    /// `t` until the trend is drawn (the day query included), then `t` back to the table and `r` (a refresh without
    /// the days, so the next `t` has to load them again), `keyPresses` times.
    func measureTrend(arguments: [String]) throws -> [Double] {
        let tmux = Tmux.fresh("trend")
        defer { tmux.kill() }
        try tmux.start(command: ([chanstat] + arguments + ["--refresh", "3600"]).map(Tmux.quote).joined(separator: " "))
        try tmux.waitFor(timeout: 30) { Self.isLoaded($0, title: "Last 6 months") }
        var times: [Double] = []
        for _ in 0..<keyPresses {
            let pressed = Date()
            try tmux.sendKeys("t")
            try tmux.waitFor(timeout: 30) { $0.contains("Created per") && $0.contains("0└") && !$0.contains("refreshing") }
            times.append(Date().timeIntervalSince(pressed))
            try tmux.sendKeys("t")
            try tmux.waitFor(timeout: 30) { Self.isLoaded($0, title: "Last 6 months") }
            try tmux.sendKeys("r")
            usleep(300_000)
            try tmux.waitFor(timeout: 30) { Self.isLoaded($0, title: "Last 6 months") && !$0.contains("refreshing") }
        }
        try tmux.sendKeys("q")
        return times
    }
}
