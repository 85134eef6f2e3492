import ChanstatCore
@testable import ChanstatPostgres
import ChanstatTestSupport
import Foundation
import Testing

/// By label chanstat asks the planner which way to count (`LabelCounting`): in the order of conversation and tag
/// where it would merge the conversations with their taggings, else per group. Both ways give the hand-counted
/// fixture's answers in every label output, day by day included; and each is the way that ran, read from the
/// server's log (a cluster of its own, every statement logged). The planner is steered by the database's settings,
/// as a server's own configuration and tables would steer it.
@Suite(.serialized, .enabled(if: PostgresCluster.isAvailable && ChanstatBinary.isBuilt, "needs PostgreSQL and a built chanstat"),
       .timeLimit(.minutes(4)))
struct LabelCountingOverPostgresTests {
    /// The statements the server ran (not the `EXPLAIN`s before them), by the way they count: `inOrder` begins
    /// with `fast`, `perGroup` with its materialized cohort.
    static func ran(_ log: Substring) -> (inOrder: Int, perGroup: Int) {
        let executed = log.split(separator: "\n").filter { $0.contains(" execute ") && !$0.contains("EXPLAIN") }
        return (executed.filter { $0.contains(": WITH fast AS MATERIALIZED") }.count,
                executed.filter { $0.contains(": WITH cohort AS MATERIALIZED") }.count)
    }

    @Test func eitherWayTheFixturesAnswersAndTheWayThePlannerPicked() async throws {
        var options = PostgresCluster.Options()
        options.timeZone = "Asia/Kolkata"
        options.extraSettings = ["log_min_duration_statement": "0"]
        // The cluster, psql and the chanstat processes block while they run: on a thread of their own, not one of
        // the test process's few cooperative threads (`OffThePool`).
        let (cluster, database) = try await OffThePool.run { [options] in
            let cluster = try PostgresCluster.start(options)
            do {
                let database = try ChatwootDatabase.make(on: cluster)
                try database.sql(GroupFixture.postgres)
                return (cluster, database)
            } catch {
                cluster.destroy()
                throw error
            }
        }
        defer { cluster.destroy() }
        let labelRuns = GroupFixture.outputs.filter { $0.arguments.contains("label") }
        #expect(labelRuns.count >= 4, "JSON and CSV, with and without --compare")
        for (settings, merges) in ChatwootDatabase.labelPlans {
            let logBefore = cluster.logContents.count
            let runs = try await OffThePool.run {
                try database.turnOff(settings)
                return try labelRuns.map {
                    try ChanstatBinary.run(["report", "--db", database.url()] + GroupFixture.arguments + $0.arguments)
                }
            }
            for ((extra, expected), run) in zip(labelRuns, runs) {
                #expect(run.status == 0, "\(settings) \(extra): \(run.stderr)")
                #expect(run.stdout == expected, "\(settings) \(extra)")
            }
            let source = try await database.source(account: 1)
            try await source.closing {
                let daily = try await PostgresServerTests.GroupDaysOverPostgresTests.days(source, .label)
                #expect(daily.fixtureLines == GroupFixture.days["label"], "\(settings) day by day")
            }
            let ran = Self.ran(cluster.logContents.dropFirst(logBefore))
            #expect(merges ? ran.inOrder > 0 && ran.perGroup == 0 : ran.perGroup > 0 && ran.inOrder == 0,
                    "\(settings): ran in order \(ran.inOrder), per group \(ran.perGroup)")
        }
    }

    /// The choice itself: a merge join anywhere in the plan of the statement in order.
    @Test func theWayIsTheMergeInThePlan() {
        #expect(LabelCounting(plan: ["Append  (cost=1..2)", "  ->  Merge Left Join  (cost=1..2)"]) == .inOrder)
        #expect(LabelCounting(plan: ["Append  (cost=1..2)", "  ->  Hash Right Join  (cost=1..2)"]) == .perGroup)
        #expect(LabelCounting(plan: []) == .perGroup)
    }
}
