import ChanstatCore
import ChanstatServer
import ChanstatSQLite
import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// `GET /metrics` over a SQLite file (SPEC 13): who may scrape what, the values of `MetricsFixture` read back
/// from the text, and `chanstat_source_up` falling to 0 while the file is gone and coming back with it.
@Suite struct MetricsRouteTests {
    struct File {
        let directory: URL
        let path: String

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-metrics-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            path = directory.appendingPathComponent("metrics.sqlite").path
            let queue = try DatabaseQueue(path: path)
            let now = Int64(Date().timeIntervalSince1970)
            try queue.write { db in
                try db.execute(sql: ChatwootSchema.ddl
                               + MetricsFixture.inserts(now: now))
            }
            try queue.close()
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    /// 7d and 30d only: "today" would depend on the hour the test runs at.
    static let settings = MetricsSettings(ranges: [.last7Days, .last30Days], calendar: .utc, lifetime: .zero)

    static func scrape(_ base: String, _ query: String = "", headers: [(String, String)]) async throws -> Answer {
        try await fetch(base + "/metrics" + query, headers: headers)
    }

    @Test func whoMayScrape() async throws {
        let file = try File()
        defer { file.remove() }
        try await ServerHarness.withServer(databasePath: file.path, metrics: Self.settings) { base in
            #expect(try await Self.scrape(base, headers: []).status == 401)
            #expect(try await Self.scrape(base, headers: [("Authorization", "Bearer nobody-has-this")]).status == 401)
            #expect(try await Self.scrape(base, headers: [("Authorization", "Basic \(MetricsFixture.adminOfBoth)")]).status == 401)
            // An agent, a bot: no account of theirs to export.
            #expect(try await Self.scrape(base, headers: [("Authorization", "Bearer \(MetricsFixture.agent)")]).status == 403)
            #expect(try await Self.scrape(base, headers: [("Api-Access-Token", MetricsFixture.bot)]).status == 403)
            // Another account's administrator, named account: 403; an account that does not exist: 404.
            let other = try await Self.scrape(base, "?account=1", headers: [("Authorization", "Bearer \(MetricsFixture.adminOfTwo)")])
            #expect(other.status == 403)
            #expect(!other.body.contains("chatwoot_"))
            #expect(try await Self.scrape(base, "?account=99", headers: [("Authorization", "Bearer \(MetricsFixture.adminOfBoth)")]).status == 404)
            // Account 2's administrator gets account 2 only.
            let two = try await Self.scrape(base, headers: [("Authorization", "Bearer \(MetricsFixture.adminOfTwo)")])
            #expect(two.status == 200)
            let samples = try #require(Exposition.samples(two.body))
            #expect(!samples.contains { $0.labels["account_id"] == "1" })
            #expect(samples.contains { $0.labels["account_id"] == "2" })
        }
    }

    @Test func theFixturesNumbersForBothAccounts() async throws {
        let file = try File()
        defer { file.remove() }
        try await ServerHarness.withServer(databasePath: file.path, metrics: Self.settings) { base in
            let answer = try await Self.scrape(base, headers: [("Authorization", "Bearer \(MetricsFixture.adminOfBoth)")])
            #expect(answer.status == 200)
            #expect(answer.contentType == "text/plain; version=0.0.4; charset=utf-8")
            let samples = try #require(Exposition.samples(answer.body))
            for (name, labels, value) in MetricsFixture.expected {
                #expect(Exposition.value(samples, name, labels) == value, "\(name) \(labels)")
            }
            #expect(MetricsFixture.oldestWaitIsRight(Exposition.value(samples, "chatwoot_queue_oldest_wait_seconds",
                ["account_id": "1", "channel_type": MetricsFixture.email]), waited: 5_400))
            #expect(MetricsFixture.oldestWaitIsRight(Exposition.value(samples, "chatwoot_queue_oldest_wait_seconds",
                ["account_id": "1", "channel_type": MetricsFixture.odd]), waited: 600))
            // Nobody waits on account 2: no oldest wait there.
            #expect(!samples.contains { $0.name == "chatwoot_queue_oldest_wait_seconds" && $0.labels["account_id"] == "2" })
            #expect(Exposition.value(samples, "chanstat_source_up") == 1)
            #expect(Exposition.value(samples, "chanstat_source_read_seconds") != nil)
            if Shell.exists("promtool") {
                let checked = try Exposition.promtool(answer.body)
                #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
            }
            // ?account= narrows to one, through the same check.
            let one = try await Self.scrape(base, "?account=2", headers: [("Api-Access-Token", MetricsFixture.adminOfBoth)])
            let only = try #require(Exposition.samples(one.body))
            #expect(Set(only.compactMap { $0.labels["account_id"] }) == ["2"])
        }
    }

    @Test func sourceUpFallsToZeroWhileTheFileIsGoneAndReturns() async throws {
        let file = try File()
        defer { file.remove() }
        let aside = file.path + ".aside"
        try await ServerHarness.withServer(databasePath: file.path, metrics: Self.settings) { base in
            let token = [("Authorization", "Bearer \(MetricsFixture.adminOfBoth)")]
            #expect(try await Self.scrape(base, headers: token).status == 200)
            try FileManager.default.moveItem(atPath: file.path, toPath: aside)
            let down = try await Self.scrape(base, headers: token)
            #expect(down.status == 200)
            let downSamples = try #require(Exposition.samples(down.body))
            #expect(downSamples.map(\.name) == ["chanstat_source_up"])
            #expect(Exposition.value(downSamples, "chanstat_source_up") == 0)
            // A token never seen before gets the error, not the exporter's answer.
            let stranger = try await Self.scrape(base, headers: [("Authorization", "Bearer \(MetricsFixture.adminOfTwo)")])
            #expect(stranger.status == 503)
            try FileManager.default.moveItem(atPath: aside, toPath: file.path)
            let back = try await Self.scrape(base, headers: token)
            let backSamples = try #require(Exposition.samples(back.body))
            #expect(Exposition.value(backSamples, "chanstat_source_up") == 1)
            #expect(Exposition.value(backSamples, "chatwoot_queue_conversations",
                                     ["account_id": "2", "channel_type": MetricsFixture.api, "state": "open"]) == 1)
        }
    }
}
