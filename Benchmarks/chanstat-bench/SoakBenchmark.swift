import ChanstatTestSupport
import Foundation

/// The long run: the dashboard on a 1-second refresh over HTTP against `chanstat serve`, while the same
/// server also takes a bounded load (a fixed number of requests a second, most for ranges it has not cached,
/// each batch on new connections). Each minute it samples, for both processes, resident memory, open
/// descriptors and the CPU used over that minute, and checks the dashboard is still refreshing. A leak shows
/// as a column that keeps growing; the verdict compares the last minute with the first.
struct SoakBenchmark {
    let chanstat: String
    let dataDirectory: String
    let minutes: Int
    let requestsPerSecond: Int

    struct Sample {
        let minute: Int
        let dashboard: ProcessSample
        let serve: ProcessSample
        let requests: Int
        let failures: Int
        let dashboardUpdated: String
        let loads: Int
        let failedLoads: Int
    }

    func run() throws {
        let file = "\(dataDirectory)/soak-200000.sqlite"
        let token = try Self.sampleToken(chanstat: chanstat, file: file)
        let serve = try ServeProcess(database: file, binary: URL(fileURLWithPath: chanstat))
        defer { serve.stop() }
        let url = "http://127.0.0.1:\(serve.port)"

        // The dashboard's log says each load it starts and each that fails: the proof it kept refreshing.
        let log = "\(dataDirectory)/soak-dashboard.log"
        try? FileManager.default.removeItem(atPath: log)
        let tmux = Tmux.fresh("soak")
        defer { tmux.kill() }
        try tmux.start(command: ([chanstat, "--url", url, "--account", "1", "--refresh", "1", "--log-file", log]).map(Tmux.quote)
                       .joined(separator: " "), environment: ["CHATWOOT_API_TOKEN": token])
        try tmux.waitFor(timeout: 30) { DashboardBenchmark.isLoaded($0, title: "Last 30 days") }
        let dashboardPID = try tmux.panePID()

        let load = BoundedLoad(url: url, token: token, requestsPerSecond: requestsPerSecond)
        load.start()
        defer { load.stop() }

        print("soak: dashboard on a 1 s refresh over HTTP, and serve (the same process) under \(requestsPerSecond) "
              + "requests/s on new connections, \(minutes) min, release build, 200,000 conversations\n")
        print("| minute | dashboard RSS | dashboard fds | dashboard CPU | dashboard loads (failed) | serve RSS | serve fds | serve CPU | load requests (failed) | header says updated |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        var loadsBefore = Self.countLoads(log: log)
        var samples: [Sample] = []
        var dashboardBefore = try ProcessSample(pid: dashboardPID, previous: nil, seconds: 0)
        var serveBefore = try ProcessSample(pid: serve.pid, previous: nil, seconds: 0)
        for minute in 1...minutes {
            Thread.sleep(forTimeInterval: 60)
            dashboardBefore = try ProcessSample(pid: dashboardPID, previous: dashboardBefore, seconds: 60)
            serveBefore = try ProcessSample(pid: serve.pid, previous: serveBefore, seconds: 60)
            let counts = load.takeCounts()
            let updated = Self.updatedTime(try tmux.run(["capture-pane", "-p"]))
            let loads = Self.countLoads(log: log)
            let sample = Sample(minute: minute, dashboard: dashboardBefore, serve: serveBefore,
                                requests: counts.requests, failures: counts.failures, dashboardUpdated: updated,
                                loads: loads.started - loadsBefore.started, failedLoads: loads.failed - loadsBefore.failed)
            loadsBefore = loads
            samples.append(sample)
            print(String(format: "| %d | %.1f MB | %d | %.1f%% | %d (%d) | %.1f MB | %d | %.1f%% | %d (%d) | %@ |", minute,
                         sample.dashboard.residentMB, sample.dashboard.descriptors, sample.dashboard.cpuPercent,
                         sample.loads, sample.failedLoads,
                         sample.serve.residentMB, sample.serve.descriptors, sample.serve.cpuPercent,
                         sample.requests, sample.failures, sample.dashboardUpdated))
            fflush(nil)  // every stream: the table is read while the soak runs
        }
        try tmux.sendKeys("q")
        print("\n" + Self.verdict(samples))
    }

    /// Flat: over the second half of the run, memory grows by less than 5% and descriptors by at most 2 (a
    /// connection open as the sample is taken). The first half is left out because both processes grow to a
    /// plateau at first (allocator arenas, NIO's buffers, SQLite's page cache, serve's answer cache); a leak
    /// is what keeps growing after that. The growth from the first minute is printed too.
    static func verdict(_ samples: [Sample]) -> String {
        guard let first = samples.first, let last = samples.last else { return "no samples" }
        let middle = samples[(samples.count - 1) / 2]
        func judge(_ name: String, _ keyPath: KeyPath<Sample, ProcessSample>) -> String {
            let (a, m, b) = (first[keyPath: keyPath], middle[keyPath: keyPath], last[keyPath: keyPath])
            let growth = (b.residentMB - m.residentMB) / m.residentMB * 100
            let flat = growth < 5 && b.descriptors - m.descriptors <= 2
            return String(format: "%@: memory %+.1f%% and descriptors %+d from minute %d to %d (%+.1f%% from minute 1): %@",
                          name, growth, b.descriptors - m.descriptors, middle.minute, last.minute,
                          (b.residentMB - a.residentMB) / a.residentMB * 100, flat ? "flat" : "GROWING")
        }
        return judge("dashboard", \.dashboard) + "\n" + judge("serve", \.serve)
    }

    /// Loads the dashboard has started and loads that failed, from its log ("info load request=…",
    /// "warning load failed …").
    static func countLoads(log: String) -> (started: Int, failed: Int) {
        let lines = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n")
        return (lines.filter { $0.contains(" info load ") }.count, lines.filter { $0.contains(" load failed") }.count)
    }

    /// The time in the header's "updated YYYY-MM-DD HH:MM in …", or "?" when the header does not show one
    /// (it says "refreshing…" while a load is in flight, which on a 1-second refresh is often).
    static func updatedTime(_ screen: String) -> String {
        guard let range = screen.range(of: "updated ") else { return "?" }
        return String(screen[range.upperBound...].prefix(16))
    }

    /// Writes the sample file once and returns account 1's administrator token, from the lines `sample` prints.
    static func sampleToken(chanstat: String, file: String) throws -> String {
        let tokenFile = file + ".token"
        if let token = try? String(contentsOfFile: tokenFile, encoding: .utf8), FileManager.default.fileExists(atPath: file) {
            return token
        }
        let run = try ChildProcess.run([chanstat, "sample", "--out", file, "--conversations", "200000", "--seed", "3", "--force"])
        guard run.status == 0,
              let line = run.output.split(separator: "\n").first(where: { $0.contains("account 1 (") && $0.contains("admin") }),
              let token = line.split(separator: " ").last else {
            throw BenchmarkError("chanstat sample printed no administrator token for account 1:\n\(run.output)")
        }
        try String(token).write(toFile: tokenFile, atomically: true, encoding: .utf8)
        return String(token)
    }
}

/// Memory, descriptors and CPU of a running process, from /proc; CPU as a share of one core over the
/// `seconds` since `previous`.
struct ProcessSample {
    let residentMB: Double
    let descriptors: Int
    let cpuTicks: Int
    let cpuPercent: Double

    init(pid: pid_t, previous: ProcessSample?, seconds: Double) throws {
        let stats = try ProcessStats(pid: pid)
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else {
            throw BenchmarkError("process \(pid) is gone")
        }
        let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        residentMB = Double(rss.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0) / 1024
        self.descriptors = descriptors.count
        cpuTicks = stats.cpuTicks
        let ticks = Double(cpuTicks - (previous?.cpuTicks ?? cpuTicks))
        cpuPercent = seconds > 0 ? ticks / Double(sysconf(Int32(_SC_CLK_TCK))) / seconds * 100 : 0
    }
}

/// `requestsPerSecond` requests each second, as one `curl --parallel` a second (so every batch opens new
/// connections and closes them, which is where a descriptor leak would show): 30-day ranges at a random day
/// of the sample's year, so most are computed anew rather than answered from the cache.
final class BoundedLoad: @unchecked Sendable {
    let url: String
    let token: String
    let requestsPerSecond: Int
    private let lock = NSLock()
    private var requests = 0
    private var failures = 0
    private var running = true
    private var thread: Thread?

    init(url: String, token: String, requestsPerSecond: Int) {
        self.url = url
        self.token = token
        self.requestsPerSecond = requestsPerSecond
    }

    func start() {
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                let started = Date()
                let (sent, failed) = batch()
                lock.withLock { requests += sent; failures += failed }
                let rest = 1 - Date().timeIntervalSince(started)
                if rest > 0 { Thread.sleep(forTimeInterval: rest) }
            }
        }
        self.thread = thread
        thread.start()
    }

    func stop() { lock.withLock { running = false } }

    func takeCounts() -> (requests: Int, failures: Int) {
        lock.withLock {
            defer { requests = 0; failures = 0 }
            return (requests, failures)
        }
    }

    /// One second's requests; a failure is any answer other than 200.
    private func batch() -> (sent: Int, failed: Int) {
        let now = Int(Date().timeIntervalSince1970)
        var arguments = ["curl", "-s", "--no-progress-meter", "--parallel", "--parallel-max", "4", "-H", "api_access_token: \(token)", "-w", "%{http_code}\\n"]
        for _ in 0..<requestsPerSecond {
            let until = now - Int.random(in: 0...330) * 86_400
            arguments += ["-o", "/dev/null", "\(url)/api/v2/accounts/1/summary_reports/channel?since=\(until - 30 * 86_400)&until=\(until)"]
        }
        guard let run = try? ChildProcess.run(arguments) else { return (requestsPerSecond, requestsPerSecond) }
        let codes = run.output.split(separator: "\n")
        return (requestsPerSecond, requestsPerSecond - codes.filter { $0 == "200" }.count)
    }
}
