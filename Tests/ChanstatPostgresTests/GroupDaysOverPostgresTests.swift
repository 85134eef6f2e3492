import ChanstatCore
@testable import ChanstatPostgres
import ChanstatTestSupport
import Foundation
import Testing

extension PostgresServerTests {
    /// The trend's days by channel, team, agent and label over Chatwoot's tables (`dailyReport` with the request's
    /// breakdown) on a server in New York, a session in Kolkata, days in Honolulu: the same hand-counted
    /// `GroupFixture.days` as on a file. A role without SELECT on `tags` gets the range view's sentence for the label
    /// days, and its channel and team days still come.
    @Suite(.enabled(if: PostgresCluster.isAvailable, "needs PostgreSQL"), .timeLimit(.minutes(4)))
    struct GroupDaysOverPostgresTests {
        static let range = try! DateRange(since: GroupFixture.since, until: GroupFixture.until)
        static let honolulu = LocalCalendar(timeZone: TimeZone(identifier: GroupFixture.daysZone)!)

        static func days(_ source: PostgresReportSource, _ breakdown: Breakdown) async throws -> DailyReport {
            try await source.dailyReport(for: ReportRequest(range: range, breakdown: breakdown), calendar: honolulu,
                                         progress: { _ in })
        }

        @Test func everyBreakdownDayByDayInHonolulu() async throws {
            let database = try ChatwootDatabase.make()
            try database.sql(GroupFixture.postgres)
            let source = try await database.source(account: 1, variables: ["PGTZ": "Asia/Kolkata"])
            try await source.closing {
                for breakdown in [Breakdown.channel, .team, .agent, .label] {
                    let daily = try await Self.days(source, breakdown)
                    #expect(daily.breakdown == breakdown)
                    #expect(daily.fixtureLines == GroupFixture.days[breakdown.rawValue], "\(breakdown)")
                }
            }
        }

        /// Day by day, as in the range (`GroupByOverPostgresTests.tagsThatAreNoLabelOrShareANameChangeNoCount`): a
        /// tagging of a gone tag on the unlabelled conversation 4 and a second "vip" tag change no day.
        @Test func tagsThatAreNoLabelOrShareANameChangeNoDay() async throws {
            let database = try ChatwootDatabase.make()
            try database.sql(GroupFixture.postgres + """
                INSERT INTO tags (id, name) VALUES (6, 'vip');
                INSERT INTO taggings (tag_id, taggable_type, taggable_id, context) VALUES
                    (77, 'Conversation', 4, 'labels'), (6, 'Conversation', 1, 'labels'), (6, 'Conversation', 5, 'labels');
                """)
            let source = try await database.source(account: 1)
            try await source.closing {
                let daily = try await Self.days(source, .label)
                #expect(daily.fixtureLines == GroupFixture.days["label"])
            }
        }

        @Test func aRoleWithoutSelectOnTagsGetsTheSentenceAndTheOtherDays() async throws {
            let database = try ChatwootDatabase.make()
            try database.sql(GroupFixture.postgres)
            let role = "no_tags_" + UUID().uuidString.prefix(6).lowercased()
            try database.cluster.createRole(role, password: nil)
            try database.sql("GRANT SELECT ON accounts, inboxes, conversations, users, teams, taggings TO \(role)")
            let source = try await database.source(account: 1, url: database.url(user: role))
            try await source.closing {
                let sentence = "this database user may not read table tags, which --by label needs; GRANT SELECT ON tags "
                    + "to it (docs/postgres.md says which tables each view reads)"
                let request = ReportRequest(range: Self.range, breakdown: .label)
                #expect(source.dailyRefusal(for: request, calendar: Self.honolulu)?.message == sentence)
                await #expect { _ = try await Self.days(source, .label) } throws: { ($0 as? SourceError)?.message == sentence }
                let channel = try await Self.days(source, .channel), team = try await Self.days(source, .team)
                #expect(channel.fixtureLines == GroupFixture.days["channel"])
                #expect(team.fixtureLines == GroupFixture.days["team"])
            }
        }
    }
}
