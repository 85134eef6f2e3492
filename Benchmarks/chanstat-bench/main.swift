import Foundation

// chanstat-bench: programs that print figures, never run by the tests.
//   swift build -c release && .build/release/chanstat-bench report [--runs N] [--sizes 1000000,5000000]
//   .build/release/chanstat-bench dashboard [--idle SECONDS] [--keys N] [--sizes 5000000] [--compare] [--views ROUNDS]
//   .build/release/chanstat-bench postgres [--runs N] [--sizes 1000000,5000000] [--dashboard-keys N] [--idle SECONDS] [--views ROUNDS]
//   .build/release/chanstat-bench postgres-dashboard [--keys N] [--idle SECONDS] [--sizes 5000000] [--views ROUNDS]
//   .build/release/chanstat-bench days [--runs N] [--sizes 5000000] [--keys N] [--no-postgres]
//   .build/release/chanstat-bench soak [--minutes 20] [--rate REQUESTS_PER_SECOND]
// Uses .build/release/chanstat, the sqlite3 shell and tmux; data files go to bench-data/ (git-ignored). The
// postgres modes start a throwaway PostgreSQL server (the tests' PostgresCluster, in /tmp) and need psql.

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func option(_ name: String, default value: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    return arguments[index + 1]
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
let chanstat = option("--chanstat", default: "\(root)/.build/release/chanstat")
let runs = Int(option("--runs", default: "7")) ?? 7
let sizes = option("--sizes", default: "1000000,5000000").split(separator: ",").compactMap { Int($0) }
let dataDirectory = "\(root)/bench-data"

do {
    guard FileManager.default.isExecutableFile(atPath: chanstat) else {
        throw BenchmarkError("\(chanstat) is missing: run `swift build -c release --product chanstat` first")
    }
    try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
    let mode = CommandLine.arguments.dropFirst().first
    if mode == "postgres" || mode == "postgres-dashboard" {
        try runPostgresBenchmark(chanstat: chanstat, runs: runs, sizes: sizes, dashboardOnly: mode == "postgres-dashboard")
        exit(0)
    }
    let benchmark = ReportBenchmark(chanstat: chanstat, dataDirectory: dataDirectory, runs: runs)
    if CommandLine.arguments.dropFirst().first == "soak" {
        try SoakBenchmark(chanstat: chanstat, dataDirectory: dataDirectory,
                          minutes: max(1, Int(option("--minutes", default: "20")) ?? 20),
                          requestsPerSecond: max(1, Int(option("--rate", default: "20")) ?? 20)).run()
        exit(0)
    }
    if mode == "days" {
        try runDaysBenchmark(chanstat: chanstat, reports: benchmark, runs: runs, size: sizes.max() ?? 5_000_000)
        exit(0)
    }
    if CommandLine.arguments.dropFirst().first == "dashboard" {
        try runDashboardBenchmark(benchmark)
        exit(0)
    }
    print("report for a 180-day range, account 1: chanstat report vs the sqlite3 shell's straightforward query")
    print("(\(runs) runs each, alternating, whole process, medians; answers checked equal)\n")
    var rows: [ReportBenchmark.Row] = []
    for size in sizes {
        let files = try benchmark.prepare(conversations: size)
        rows.append(try benchmark.measure(file: files.indexed, indexed: true))
        rows.append(try benchmark.measure(file: files.plain, indexed: false))
    }
    print("\n| file | index | chanstat report | sqlite3 shell | speed-up | report peak RSS | sqlite3 peak RSS |")
    print("|---|---|---|---|---|---|---|")
    for row in rows {
        let report = median(row.report.map(\.seconds)), shell = median(row.shell.map(\.seconds))
        print(String(format: "| %@ | %@ | %.1f ms | %.1f ms | %.2fx | %d MB | %d MB |", row.file, row.indexed ? "yes" : "no",
                     report * 1000, shell * 1000, shell / report,
                     row.report.map(\.peakKilobytes).max()! / 1024, row.shell.map(\.peakKilobytes).max()! / 1024))
    }
} catch {
    FileHandle.standardError.write(Data("chanstat-bench: \(error)\n".utf8))
    exit(1)
}

func runDashboardBenchmark(_ reports: ReportBenchmark) throws {
    var benchmark = DashboardBenchmark(chanstat: chanstat, idleSeconds: Double(option("--idle", default: "30")) ?? 30,
                                       keyPresses: Int(option("--keys", default: "6")) ?? 6)
    // --compare: `c` first, so each key press loads the range and its previous period (two queries).
    benchmark.comparing = CommandLine.arguments.contains("--compare")
    var sources: [(String, [String])] = [("built-in demo data", [])]
    for size in sizes {
        let file = try reports.prepare(conversations: size).indexed
        sources.append(("\(size / 1_000_000)M conversations", ["--db", file, "--account", "1"]))
    }
    print("dashboard in tmux (120x40, LANG=C.UTF-8), release build; key presses alternate presets 5 and 3"
          + (benchmark.comparing ? ", compare on (c)" : "") + "\n")
    print("| source | first complete frame | key to redrawn frame (median, max) | idle CPU | peak memory |")
    print("|---|---|---|---|---|")
    for (name, arguments) in sources {
        let figures = try benchmark.measure(name: name, arguments: arguments)
        print(String(format: "| %@ | %.0f ms | %.0f ms, %.0f ms | %.2f%% over %.0f s | %d MB |", name,
                     figures.firstFrame * 1000, median(figures.keyToFrame) * 1000,
                     (figures.keyToFrame.max() ?? .nan) * 1000, figures.idleCPUPercent, benchmark.idleSeconds,
                     figures.peakKilobytes / 1024))
    }
    // --views 0: the range keys only.
    let rounds = Int(option("--views", default: "3")) ?? 3
    guard rounds > 0 else { return }
    let views = try sources.map { ($0.0, try benchmark.measureViewKeys(arguments: $0.1, rounds: rounds)) }
    DashboardBenchmark.printViewKeys(views, rounds: rounds)
}
