// serve-load: requests per second and p50/p99 latency of `chanstat serve` at a few concurrency levels,
// side by side in the same run with Datasette serving the same aggregate as a canned query over the same
// file. Loopback only, bounded (a few seconds per cell). Prints a Markdown table.
//
//   swift build -c release --product chanstat && swift build -c release --product serve-load
//   .build/release/serve-load [--conversations 1000000] [--seconds 5] [--concurrency 1,8,32] [--dir /tmp/chanstat-serve-load]
//
// Needs wrk (apt-get install wrk) and datasette (pip install datasette) on the PATH.
import Foundation

struct Settings {
    var conversations = 1_000_000
    var seconds = 5
    var concurrency = [1, 8, 32]
    var directory = "/tmp/chanstat-serve-load"
    var chanstat = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("chanstat").path

    init(arguments: [String]) {
        var rest = arguments.dropFirst()
        while let flag = rest.popFirst() {
            let value = rest.popFirst() ?? ""
            switch flag {
            case "--conversations": conversations = Int(value) ?? conversations
            case "--seconds": seconds = Int(value) ?? seconds
            case "--concurrency": concurrency = value.split(separator: ",").compactMap { Int($0) }
            case "--dir": directory = value
            case "--chanstat": chanstat = value
            default: fail("unknown option \(flag)")
            }
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("serve-load: \(message)\n".utf8))
    exit(1)
}

/// Runs a program to the end and returns its stdout.
@discardableResult
func run(_ program: String, _ arguments: [String]) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    let out = Pipe()
    process.standardOutput = out
    do { try process.run() } catch { fail("cannot run \(program): \(error)") }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { fail("\(program) \(arguments.joined(separator: " ")) failed") }
    return String(decoding: data, as: UTF8.self)
}

/// A free loopback port, for Datasette, which cannot report the one it picks.
func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

func waitUntilAnswering(_ url: String) {
    for _ in 0..<100 {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["curl", "-sf", "-o", "/dev/null", url]
        try? probe.run()
        probe.waitUntilExit()
        if probe.terminationStatus == 0 { return }
        usleep(200_000)
    }
    fail("\(url) never answered")
}

struct Figures { let requestsPerSecond: Double; let p50: String; let p99: String; let errors: String }

/// One wrk run; the Lua script picks the request (one fixed range, or a different range each time).
func measure(url: String, script: String, connections: Int, seconds: Int, header: String?) -> Figures {
    var arguments = ["-t", "\(min(connections, 2))", "-c", "\(connections)", "-d", "\(seconds)s", "--latency", "-s", script]
    if let header { arguments += ["-H", header] }
    let output = run("wrk", arguments + [url])
    func field(after label: String) -> String {
        output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }
            .map { String($0.trimmingCharacters(in: .whitespaces).dropFirst(label.count)).trimmingCharacters(in: .whitespaces) } ?? "?"
    }
    let errors = output.split(separator: "\n").filter { $0.contains("Non-2xx") || $0.contains("Socket errors") }
        .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
    return Figures(requestsPerSecond: Double(field(after: "Requests/sec:")) ?? 0,
                   p50: field(after: "50%"), p99: field(after: "99%"), errors: errors.isEmpty ? "none" : errors)
}

let settings = Settings(arguments: CommandLine.arguments)
guard FileManager.default.isExecutableFile(atPath: settings.chanstat) else {
    fail("no chanstat at \(settings.chanstat): swift build -c release --product chanstat")
}
try? FileManager.default.createDirectory(atPath: settings.directory, withIntermediateDirectories: true)
let file = settings.directory + "/bench-\(settings.conversations).sqlite"
let end = "2025-12-31"
if !FileManager.default.fileExists(atPath: file) {
    print("Writing \(settings.conversations) conversations to \(file) …")
    run(settings.chanstat, ["sample", "--out", file, "--conversations", "\(settings.conversations)", "--accounts", "3",
                            "--days", "365", "--end", end, "--seed", "1"])
}
let access = "SELECT t.token FROM access_tokens t JOIN account_users au ON au.user_id = t.owner_id "
    + "WHERE t.owner_type = 'User' AND au.account_id = 1 AND au.role = 1 LIMIT 1"
let token = run("python3", ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])",
                            file, access]).trimmingCharacters(in: .whitespacesAndNewlines)

// chanstat serve (release), on a port it picks.
let serve = Process()
serve.executableURL = URL(fileURLWithPath: settings.chanstat)
serve.arguments = ["serve", "--db", file, "--port", "0"]
let serveOut = Pipe()
serve.standardOutput = serveOut
serve.standardError = FileHandle.nullDevice
try serve.run()
var firstLine = ""
while !firstLine.contains("\n") {
    let chunk = serveOut.fileHandleForReading.availableData
    if chunk.isEmpty { fail("serve exited") }
    firstLine += String(decoding: chunk, as: UTF8.self)
}
let servePort = Int(firstLine.split(separator: ":").last!.trimmingCharacters(in: .whitespacesAndNewlines))!

// Datasette: the same aggregate as a canned query, the plain GROUP BY any SQL user would write. Datasette
// passes parameters as text, and created_at has no declared type, so the bounds need a CAST to compare.
let datasettePort = freePort()
let cannedSQL = """
    SELECT i.channel_type, c.status, COUNT(*) AS n FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
     WHERE c.account_id = CAST(:account AS INTEGER) AND c.status IN (0, 1, 2, 3)
       AND c.created_at >= CAST(:since AS INTEGER) AND c.created_at < CAST(:until AS INTEGER)
     GROUP BY i.channel_type, c.status
    """
let config = settings.directory + "/datasette.json"
let database = (file as NSString).lastPathComponent.replacingOccurrences(of: ".sqlite", with: "")
let configJSON = try JSONSerialization.data(withJSONObject: [
    "databases": [database: ["queries": ["channel_summary": ["sql": cannedSQL]]]],
    "settings": ["sql_time_limit_ms": 60_000, "max_returned_rows": 1000],
])
try configJSON.write(to: URL(fileURLWithPath: config))
let datasette = Process()
datasette.executableURL = URL(fileURLWithPath: "/usr/bin/env")
let version = run("datasette", ["--version"]).trimmingCharacters(in: .whitespacesAndNewlines)
// Datasette 1.x reads canned queries from --config; 0.x from --metadata.
let configFlag = version.contains(" 0.") ? "--metadata" : "--config"
datasette.arguments = ["datasette", "serve", file, "--host", "127.0.0.1", "--port", "\(datasettePort)", configFlag, config]
if version.contains(" 0.") {
    // 0.x takes settings as --setting flags, not in metadata.
    try JSONSerialization.data(withJSONObject: ["databases": [database: ["queries": ["channel_summary": ["sql": cannedSQL]]]]])
        .write(to: URL(fileURLWithPath: config))
    datasette.arguments! += ["--setting", "sql_time_limit_ms", "60000"]
}
datasette.standardOutput = FileHandle.nullDevice
datasette.standardError = FileHandle.nullDevice
try datasette.run()
defer { serve.terminate(); datasette.terminate() }
let datasetteBase = "http://127.0.0.1:\(datasettePort)/\(database)/channel_summary.json"
waitUntilAnswering(datasetteBase + "?account=1&since=0&until=1")

// Requests: 30-day ranges in 2025. "fixed": the same range every time (serve answers from its cache);
// "varied": a start at a random second of 300 days, so nearly every request is computed anew by both.
let dayZero = 1_735_689_600  // 2025-01-01T00:00:00Z
func script(name: String, path: String, query: (String, String) -> String, varied: Bool) -> String {
    // Each wrk thread seeds its own generator: with one seed, threads would ask for the same ranges in the
    // same order and turn "varied" into cache hits.
    let lua = """
        local day0 = \(dayZero)
        local threads = 0
        setup = function(thread)
          threads = threads + 1
          thread:set("id", threads)
        end
        init = function(args)
          math.randomseed(id * 7919 + os.time())
        end
        request = function()
          local s = day0 + \(varied ? "math.random(0, 299 * 86400)" : "300 * 86400")
          return wrk.format("GET", "\(path)?" .. \(query("s", "(s + 30 * 86400)")))
        end
        """
    let path = settings.directory + "/\(name).lua"
    try! lua.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
let servePath = "/api/v2/accounts/1/summary_reports/channel"
let datasettePath = "/\(database)/channel_summary.json"

// Both must give the same numbers before their speed means anything.
let since = dayZero + 300 * 86_400, until = since + 30 * 86_400
let serveJSON = run("curl", ["-sf", "-H", "api_access_token: \(token)",
                             "http://127.0.0.1:\(servePort)\(servePath)?since=\(since)&until=\(until)"])
let datasetteJSON = run("curl", ["-sf", "http://127.0.0.1:\(datasettePort)\(datasettePath)?account=1&since=\(since)&until=\(until)&_shape=array"])
let serveTotal = ((try? JSONSerialization.jsonObject(with: Data(serveJSON.utf8))) as? [String: [String: Int]])?
    .values.reduce(0) { $0 + ($1["total"] ?? 0) } ?? -1
let datasetteTotal = ((try? JSONSerialization.jsonObject(with: Data(datasetteJSON.utf8))) as? [[String: Any]])?
    .reduce(0) { $0 + (($1["n"] as? Int) ?? 0) } ?? -2
guard serveTotal == datasetteTotal, serveTotal > 0 else {
    fail("the two servers disagree: serve counts \(serveTotal), datasette \(datasetteTotal)")
}

let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
    .first { $0.hasPrefix("model name") }.map { String($0.split(separator: ":").last!).trimmingCharacters(in: .whitespaces) } ?? "?"
print("""
    # serve-load: \(settings.conversations) conversations, account 1, 30-day ranges in 2025 (\(serveTotal) conversations in the check range)
    chanstat serve (\(settings.chanstat)) vs \(version), canned query; wrk on loopback, \(settings.seconds) s per cell; \
    \(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpu)), shared by client and servers

    | requests | concurrency | server | requests/s | p50 | p99 | errors | ratio |
    |---|---|---|---|---|---|---|---|
    """)
for varied in [false, true] {
    let kind = varied ? "varied" : "fixed"
    let serveScript = script(name: "serve-\(kind)", path: servePath, query: { "\"since=\" .. \($0) .. \"&until=\" .. \($1)" }, varied: varied)
    let datasetteScript = script(name: "datasette-\(kind)", path: datasettePath,
                                 query: { "\"account=1&_shape=array&since=\" .. \($0) .. \"&until=\" .. \($1)" }, varied: varied)
    for connections in settings.concurrency {
        let ours = measure(url: "http://127.0.0.1:\(servePort)", script: serveScript, connections: connections,
                           seconds: settings.seconds, header: "api_access_token: \(token)")
        let theirs = measure(url: "http://127.0.0.1:\(datasettePort)", script: datasetteScript, connections: connections,
                             seconds: settings.seconds, header: nil)
        let ratio = theirs.requestsPerSecond > 0 ? String(format: "%.1fx", ours.requestsPerSecond / theirs.requestsPerSecond) : "?"
        print("| \(kind) | \(connections) | chanstat serve | \(String(format: "%.0f", ours.requestsPerSecond)) | \(ours.p50) | \(ours.p99) | \(ours.errors) | \(ratio) |")
        print("| \(kind) | \(connections) | datasette | \(String(format: "%.0f", theirs.requestsPerSecond)) | \(theirs.p50) | \(theirs.p99) | \(theirs.errors) | |")
    }
}
