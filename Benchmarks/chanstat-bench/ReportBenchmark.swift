import Foundation

/// `chanstat report` against the obvious alternative: the sqlite3 shell running the straightforward query
/// (conversations joined to inboxes, filtered by account and range, grouped by channel type and status)
/// on the same file, whole process against whole process, alternating runs so both see the same cache.
struct ReportBenchmark {
    let chanstat: String
    let dataDirectory: String
    let runs: Int

    /// A fixed window of 180 days (a 6-month preset). It ends a week after the sample's last day (2026-11-27
    /// 00:00 UTC, not the 21st as an older comment said), so its last 7 days are empty; kept so that figures stay
    /// comparable with the earlier ones.
    static let endDay = "2026-11-20"
    static let until: Int64 = 1_795_737_600  // 2026-11-27 00:00 UTC
    static let since: Int64 = until - 180 * 86_400

    static let straightforwardQuery = """
        SELECT i.channel_type, c.status, COUNT(*) FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
         WHERE c.account_id = 1 AND c.created_at >= \(since) AND c.created_at < \(until)
         GROUP BY i.channel_type, c.status;
        """

    struct Row {
        let file: String
        let indexed: Bool
        let report: [ChildRun]
        let shell: [ChildRun]
    }

    func prepare(conversations: Int) throws -> (indexed: String, plain: String) {
        let indexed = "\(dataDirectory)/sample-\(conversations).sqlite"
        let plain = "\(dataDirectory)/sample-\(conversations)-noindex.sqlite"
        if !FileManager.default.fileExists(atPath: indexed) {
            let run = try ChildProcess.run([chanstat, "sample", "--out", indexed, "--conversations", String(conversations),
                                            "--end", Self.endDay, "--seed", "7", "--timestamps", "unix"])
            guard run.status == 0 else { throw BenchmarkError("sample failed for \(conversations)") }
            print(String(format: "  sample --conversations %d: %.1f s, peak %d MB", conversations, run.seconds,
                         run.peakKilobytes / 1024))
        }
        if !FileManager.default.fileExists(atPath: plain) {
            try FileManager.default.copyItem(atPath: indexed, toPath: plain)
            let run = try ChildProcess.run(["sqlite3", plain,
                                            "DROP INDEX index_conversations_on_account_inbox_status_created; VACUUM;"])
            guard run.status == 0 else { throw BenchmarkError("could not drop the index in \(plain)") }
        }
        return (indexed, plain)
    }

    func measure(file: String, indexed: Bool) throws -> Row {
        let report = [chanstat, "report", "--db", file, "--account", "1", "--since", String(Self.since),
                      "--until", String(Self.until), "--format", "json"]
        let shell = ["sqlite3", "-readonly", file, Self.straightforwardQuery]
        // One untimed run of each warms the page cache, so neither pays for the first read from disk.
        let check = try ChildProcess.run(report), reference = try ChildProcess.run(shell)
        try Self.verifySameAnswer(json: check.output, shellRows: reference.output)
        var reportRuns: [ChildRun] = [], shellRuns: [ChildRun] = []
        for _ in 0..<runs {
            reportRuns.append(try ChildProcess.run(report))
            shellRuns.append(try ChildProcess.run(shell))
        }
        return Row(file: (file as NSString).lastPathComponent, indexed: indexed, report: reportRuns, shell: shellRuns)
    }

    /// A speed-up means nothing if the answers differ: the totals per channel type and status must match.
    static func verifySameAnswer(json: String, shellRows: String) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [String: Int]] else {
            throw BenchmarkError("report did not print a JSON object: \(json.prefix(200))")
        }
        let keys = [0: "open", 1: "resolved", 2: "pending", 3: "snoozed"]
        var expected: [String: [String: Int]] = [:]
        for line in shellRows.split(separator: "\n") {
            let fields = line.split(separator: "|").map(String.init)
            guard fields.count == 3, let status = Int(fields[1]), let count = Int(fields[2]), let key = keys[status]
            else { continue }
            expected[fields[0], default: [:]][key, default: 0] += count
        }
        let actual = object.mapValues { $0.filter { $0.key != "total" && $0.value != 0 } }
        guard actual == expected else { throw BenchmarkError("report and sqlite3 disagree:\n\(json)\n\(shellRows)") }
    }
}
