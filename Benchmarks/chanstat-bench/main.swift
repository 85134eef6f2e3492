import Foundation

// chanstat-bench: programs that print figures, never run by the tests.
//   swift build -c release && .build/release/chanstat-bench [report] [--runs N] [--sizes 1000000,5000000]
// Uses .build/release/chanstat and the sqlite3 shell; data files go to bench-data/ (git-ignored).

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
    let benchmark = ReportBenchmark(chanstat: chanstat, dataDirectory: dataDirectory, runs: runs)
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
