import ChanstatCore
import ChanstatTestSupport
import Foundation
import Testing

/// Monitoring through the real binary (SPEC 13, docs/monitoring.md) on `MetricsFixture`'s file: a real Prometheus
/// scraping `serve` with a bearer token from a file, `report --format prometheus` through promtool, and
/// `chanstat check`'s line and exit status at and around its thresholds.
@Suite(.serialized) struct MonitoringEndToEndTests {
    static func file() throws -> (URL, String) {
        let now = Int64(Date().timeIntervalSince1970)
        return try FixtureFile.make(name: "metrics", sql: MetricsFixture.inserts(now: now))
    }

    /// PromQL's own string escaping of a label value.
    static func promQL(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    @Test(.enabled(if: PrometheusServer.isInstalled, "needs prometheus (scripts/setup installs it)"))
    func aRealPrometheusScrapesServeWithABearerToken() throws {
        let (directory, path) = try Self.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        let serve = try ServeProcess(database: path, arguments: ["--metrics-ranges", "7d,30d"])
        defer { serve.stop() }
        let prometheus = try PrometheusServer(scraping: serve.port, token: MetricsFixture.adminOfBoth)
        defer { prometheus.stop() }
        #expect(try prometheus.waitFor("chanstat_source_up") == [1])
        let email = "chatwoot_queue_conversations{account_id=\"1\",channel_type=\(Self.promQL(MetricsFixture.email)),state=\"open\"}"
        #expect(try prometheus.waitFor(email) == [2])
        let odd = "chatwoot_conversations_created{account_id=\"1\",channel_type=\(Self.promQL(MetricsFixture.odd)),"
            + "status=\"snoozed\",range=\"30d\"}"
        #expect(try prometheus.waitFor(odd) == [1])
        let api = "chatwoot_queue_conversations{account_id=\"2\",channel_type=\"Channel::Api\",state=\"unassigned\"}"
        #expect(try prometheus.waitFor(api) == [1])
        let oldest = try prometheus.waitFor("chatwoot_queue_oldest_wait_seconds{channel_type=\(Self.promQL(MetricsFixture.email))}")
        #expect(oldest.count == 1 && MetricsFixture.oldestWaitIsRight(oldest.first, waited: 5_400))
        // The whole scrape, as Prometheus' own linter reads it.
        let scraped = try Shell.run("curl", ["-s", "-H", "Authorization: Bearer \(MetricsFixture.adminOfBoth)", serve.url + "/metrics"])
        let checked = try Exposition.promtool(scraped.stdout)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    }

    @Test(.enabled(if: Shell.exists("promtool"), "needs promtool (scripts/setup installs prometheus)"))
    func reportFormatPrometheusForTheTextfileCollector() throws {
        let (directory, path) = try Self.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ChanstatBinary.run(["report", "--db", path, "--account", "1", "--format", "prometheus"])
        #expect(result.status == 0, "\(result.stderr)")
        let checked = try Exposition.promtool(result.stdout)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        let samples = try #require(Exposition.samples(result.stdout))
        for (name, labels, value) in MetricsFixture.expected where labels["account_id"] == "1" {
            #expect(Exposition.value(samples, name, labels) == value, "\(name) \(labels)")
        }
        #expect(!samples.contains { $0.labels["account_id"] == "2" })
        // Nothing was created today: that range has no channel type, so no sample (as the payload leaves it out).
        #expect(Set(samples.compactMap { $0.labels["range"] }) == ["7d", "30d"])
        #expect(Exposition.value(samples, "chanstat_source_up") == 1)
        // --by and --compare are the table's: a usage error.
        #expect(try ChanstatBinary.run(["report", "--db", path, "--account", "1", "--format", "prometheus", "--compare"]).status == 2)
    }

    struct Check: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let line: String
        let status: Int32
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// Account 1's queue: open 3, unattended 2, unassigned 1, pending 1, snoozed 1, waiting 2; Email open 2.
    static let checks: [Check] = [
        Check(arguments: ["--metric", "unattended", "-w", "2", "-c", "3"], line: "CHANSTAT OK - 2 unattended conversations | unattended=2;2;3;0", status: 0),
        Check(arguments: ["--metric", "unattended", "-w", "1", "-c", "2"], line: "CHANSTAT WARNING - 2 unattended conversations | unattended=2;1;2;0", status: 1),
        Check(arguments: ["--metric", "unattended", "-w", "0", "-c", "1"], line: "CHANSTAT CRITICAL - 2 unattended conversations | unattended=2;0;1;0", status: 2),
        Check(arguments: ["--metric", "open", "--warning", "3:", "--critical", "4:"], line: "CHANSTAT CRITICAL - 3 open conversations | open=3;3:;4:;0", status: 2),
        Check(arguments: ["--metric", "open", "-w", "~:3"], line: "CHANSTAT OK - 3 open conversations | open=3;~:3;;0", status: 0),
        Check(arguments: ["--metric", "waiting", "-c", "@2:2"], line: "CHANSTAT CRITICAL - 2 waiting conversations | waiting=2;;@2:2;0", status: 2),
        Check(arguments: ["--metric", "waiting", "-c", "@3:5"], line: "CHANSTAT OK - 2 waiting conversations | waiting=2;;@3:5;0", status: 0),
        Check(arguments: ["--metric", "snoozed", "-w", "1"], line: "CHANSTAT OK - 1 snoozed conversation | snoozed=1;1;;0", status: 0),
        Check(arguments: ["--metric", "open", "--channel", "Channel::Email", "-w", "1"], line: "CHANSTAT WARNING - 2 open conversations on Email | open=2;1;;0", status: 1),
        Check(arguments: ["--metric", "pending", "--channel", "Channel::Line", "-c", "0"], line: "CHANSTAT OK - 0 pending conversations on Line | pending=0;;0;0", status: 0),
    ]

    @Test(arguments: checks)
    func checkAtAndAroundItsThresholds(_ c: Check) throws {
        let (directory, path) = try Self.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ChanstatBinary.run(["check", "--db", path, "--account", "1"] + c.arguments)
        #expect(result.stdout == c.line + "\n", "\(result.stderr)")
        #expect(result.status == c.status)
    }

    @Test func theOldestWaitInSeconds() throws {
        let (directory, path) = try Self.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ChanstatBinary.run(["check", "--db", path, "--account", "1", "--metric", "oldest-wait",
                                             "-w", "3600", "-c", "86400"])
        #expect(result.status == 1)
        let seconds = result.stdout.split(separator: " ").dropFirst(5).first.flatMap { Double($0) }
        #expect(result.stdout.hasPrefix("CHANSTAT WARNING - oldest wait "))
        #expect(MetricsFixture.oldestWaitIsRight(seconds, waited: 5_400), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("s;3600;86400;0\n"))
    }

    @Test func unknownOnAMissingSourceAndOnBadOptions() throws {
        let (directory, path) = try Self.file()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = try ChanstatBinary.run(["check", "--db", directory.appendingPathComponent("gone.sqlite").path,
                                              "--metric", "open"])
        #expect(missing.status == 3)
        #expect(missing.stdout.hasPrefix("CHANSTAT UNKNOWN - "), "\(missing.stdout)\(missing.stderr)")
        #expect(missing.stdout.contains("gone.sqlite"))
        #expect(missing.stdout.split(separator: "\n").count == 1)
        for arguments in [["--metric", "nope"], ["--metric", "open", "-w", "20:10"], ["--metric", "open", "-c", "x"],
                          ["--metric", "open", "--since", "2026-01-01"], []] {
            let bad = try ChanstatBinary.run(["check", "--db", path, "--account", "1"] + arguments)
            #expect(bad.status == 3, "\(arguments)")
            #expect(bad.stdout.hasPrefix("CHANSTAT UNKNOWN - "), "\(arguments): \(bad.stdout)\(bad.stderr)")
        }
        // Help is help, not a failure.
        #expect(try ChanstatBinary.run(["check", "--help"]).status == 0)
    }
}
