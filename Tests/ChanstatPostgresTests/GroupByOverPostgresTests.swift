import ChanstatCore
@testable import ChanstatPostgres
import ChanstatTestSupport
import Foundation
import Testing

extension PostgresServerTests {
    /// `report --by team|agent|label` over Chatwoot's tables on a server whose TimeZone is not UTC (and a session
    /// in Asia/Kolkata): the same hand-counted answers as on a file; a role without SELECT on `teams`.
    @Suite(.enabled(if: PostgresCluster.isAvailable && ChanstatBinary.isBuilt, "needs PostgreSQL and a built chanstat"),
           .timeLimit(.minutes(4)))
    struct GroupByOverPostgresTests {
        static func database() throws -> ChatwootDatabase {
            let database = try ChatwootDatabase.make()
            try database.sql(GroupFixture.postgres)
            return database
        }

        @Test func everyBreakdownInThreeFormatsWithAndWithoutCompare() throws {
            let database = try Self.database()
            for (extra, expected) in GroupFixture.outputs {
                let run = try ChanstatBinary.run(["report", "--db", database.url()] + GroupFixture.arguments + extra,
                                                 environment: ["PGTZ": "Asia/Kolkata"])
                #expect(run.status == 0, "\(extra): \(run.stderr)")
                #expect(run.stdout == expected, "\(extra)")
            }
            let table = try ChanstatBinary.run(["report", "--db", database.url()] + GroupFixture.arguments + ["--by", "label"])
            #expect(table.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3)
                .joined(separator: "\n") == GroupFixture.labelTable)
        }

        /// serve's store reads a breakdown with the source's own function (`PostgresReportSource.groups`): by team,
        /// agent and label both answer the same groups and total (the source's are the fixture's, above), and the
        /// store counts them itself rather than from a cached channel summary.
        @Test func serveStoreGroupsAsTheSource() async throws {
            let database = try await OffThePool.run { try Self.database() }
            let (target, _) = try PostgresAddress.resolve(database.url(), environment: .init(
                variables: [:], userName: "postgres", homeDirectory: nil))
            let store = try await PostgresReportStore.open(session: PostgresSession(target: target),
                                                           checks: PostgresSession(target: target))
            let source = try await database.source(account: 1)
            let range = try DateRange(since: GroupFixture.since, until: GroupFixture.until)
            for breakdown in [Breakdown.team, .agent, .label] {
                let request = ReportRequest(accountID: 1, range: range, breakdown: breakdown)
                let stored = try await store.grouped(accountID: 1, request)
                #expect(stored.groups.count >= 2, "\(breakdown)")
                #expect(stored == (try await source.grouped(request)), "\(breakdown)")
            }
            await store.close()
            await source.close()
        }

        /// By label the statement counts by tag id and names the few groups it finds, unless that could differ from
        /// counting by name; then it counts by name. None of these changes a count, so every label output is the
        /// fixture's; by tag id alone each would be wrong:
        /// - a tagging whose tag row is gone, on conversation 1 (billing, vip) and on 4 (no label): a group
        ///   without a name, and conversation 4 out of the none group;
        /// - a tag without a name, set on conversation 1: conversation 1 in the none group as well;
        /// - a second tag named "vip" (this schema has no unique index on the name) on conversations 1 and 5,
        ///   already "vip": "vip" twice.
        @Test(arguments: [
            "INSERT INTO taggings (tag_id, taggable_type, taggable_id, context) VALUES (77, 'Conversation', 1, 'labels'), "
                + "(77, 'Conversation', 4, 'labels')",
            "INSERT INTO tags (id, name) VALUES (5, NULL); "
                + "INSERT INTO taggings (tag_id, taggable_type, taggable_id, context) VALUES (5, 'Conversation', 1, 'labels')",
            "INSERT INTO tags (id, name) VALUES (6, 'vip'); INSERT INTO taggings (tag_id, taggable_type, taggable_id, "
                + "context) VALUES (6, 'Conversation', 1, 'labels'), (6, 'Conversation', 5, 'labels')",
        ])
        func tagsThatAreNoLabelOrShareANameChangeNoCount(change: String) throws {
            let database = try Self.database()
            try database.sql(change)
            for (extra, expected) in GroupFixture.outputs where extra.contains("label") {
                let run = try ChanstatBinary.run(["report", "--db", database.url()] + GroupFixture.arguments + extra)
                #expect(run.status == 0, "\(extra): \(run.stderr)")
                #expect(run.stdout == expected, "\(extra)")
            }
        }

        /// A role with SELECT on everything but `teams`: `--by team` names the table and the GRANT; the channel
        /// and label views keep working.
        @Test func aRoleWithoutSelectOnTeams() throws {
            let database = try Self.database()
            let role = "no_teams_" + UUID().uuidString.prefix(6).lowercased()
            try database.cluster.createRole(role, password: nil)
            try database.sql("GRANT SELECT ON accounts, inboxes, conversations, users, tags, taggings TO \(role)")
            let url = database.url(user: role)
            let team = try ChanstatBinary.run(["report", "--db", url] + GroupFixture.arguments + ["--by", "team"])
            #expect(team.status == 1)
            #expect(team.stdout.isEmpty)
            #expect(team.stderr == "chanstat: this database user may not read table teams, which --by team needs; GRANT "
                    + "SELECT ON teams to it (docs/postgres.md says which tables each view reads)\n")
            let label = try ChanstatBinary.run(["report", "--db", url] + GroupFixture.arguments + ["--by", "label", "--format", "csv"])
            #expect(label.status == 0, "\(label.stderr)")
            #expect(label.stdout == GroupFixture.labelCSV)
            let channel = try ChanstatBinary.run(["report", "--db", url] + GroupFixture.arguments + ["--format", "json"])
            #expect(channel.status == 0, "\(channel.stderr)")
            #expect(channel.stdout == #"{"Channel::Email":{"open":1,"resolved":0,"pending":1,"snoozed":0,"total":2},"#
                    + #""Channel::WebWidget":{"open":1,"resolved":2,"pending":0,"snoozed":1,"total":4}}"# + "\n")
        }
    }
}
