import ChanstatCore
import ChanstatTestSupport
import Foundation
import Testing

/// `/metrics` of `serve --db postgres://…` on a cluster of its own whose every statement is logged
/// (`log_statement = all`), with a server TimeZone far from UTC: the fixture's numbers, and a burst of scrapes
/// that costs the database no more than the one set of queries of the cache period, counted in PostgreSQL's
/// own log.
@Suite(.serialized) struct MetricsOverPostgresTests {
    static func scrape(_ url: String, token: String) throws -> (status: Int, body: String) {
        let result = try Shell.run("curl", ["-s", "-m", "30", "-w", "\n%{http_code}", "-H", "Authorization: Bearer \(token)", url])
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n") + "\n")
    }

    /// The report and queue statements in the log: each reads `public.conversations`.
    static func conversationReads(_ cluster: PostgresCluster) -> Int {
        cluster.logContents.components(separatedBy: "public.conversations").count - 1
    }

    @Test func aBurstOfScrapesCostsOneSetOfQueries() async throws {
        var options = PostgresCluster.Options()
        options.timeZone = "Pacific/Kiritimati"  // UTC+14
        options.extraSettings = ["log_statement": "all"]
        let cluster = try PostgresCluster.start(options)
        defer { cluster.destroy() }
        let database = try ChatwootDatabase.make(on: cluster)
        try database.sql(MetricsFixture.schemaSQL + MetricsFixture.inserts(now: Int64(Date().timeIntervalSince1970)))
        let serve = try ServeProcess(database: database.url(), arguments: ["--cache-seconds", "600", "--metrics-ranges", "7d,30d"])
        defer { serve.stop() }

        let before = Self.conversationReads(cluster)
        let first = try Self.scrape(serve.url + "/metrics", token: MetricsFixture.adminOfBoth)
        #expect(first.status == 200)
        let samples = try #require(Exposition.samples(first.body))
        for (name, labels, value) in MetricsFixture.expected {
            #expect(Exposition.value(samples, name, labels) == value, "\(name) \(labels)")
        }
        #expect(MetricsFixture.oldestWaitIsRight(Exposition.value(samples, "chatwoot_queue_oldest_wait_seconds",
            ["account_id": "1", "channel_type": MetricsFixture.odd]), waited: 600))
        let oneSet = Self.conversationReads(cluster) - before
        // Two accounts, each two ranges and its queue: at least six reads of the conversations.
        #expect(oneSet >= 6, "\(oneSet)")

        // Twenty scrapers at once, four times over: all answered from the cache.
        let url = serve.url + "/metrics"
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<80 { group.addTask { try Self.scrape(url, token: MetricsFixture.adminOfBoth).status } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
        #expect(Self.conversationReads(cluster) - before == oneSet)
    }
}
