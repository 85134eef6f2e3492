import ChanstatCore
@testable import ChanstatSQLite
import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// The trend's days by channel, team, agent and label over a file (`dailyReport` with the request's breakdown), in
/// a zone ten hours behind UTC, against `GroupFixture.days`, counted by hand: with and without the recommended
/// index, `created_at` in both forms (the fixture mixes them); a file of the old shape names what it lacks for a
/// group's days, as the range view does, and its channel days still come.
@Suite struct GroupDaysTests {
    static let range = try! DateRange(since: GroupFixture.since, until: GroupFixture.until)
    static let honolulu = LocalCalendar(timeZone: TimeZone(identifier: GroupFixture.daysZone)!)

    static func file(_ sql: String, in scratch: Scratch) throws -> SQLiteReportSource {
        let queue = try DatabaseQueue(path: scratch.path("groups.sqlite"))
        try queue.write { try $0.execute(sql: sql) }
        try queue.close()
        return try SQLiteReportSource(path: scratch.path("groups.sqlite"), accountID: 1)
    }

    @Test(arguments: [false, true])
    func everyBreakdownDayByDayInHonolulu(index: Bool) async throws {
        let scratch = try Scratch()
        let source = try Self.file(GroupFixture.sqlite + (index ? ChatwootSchema.recommendedIndex : ""), in: scratch)
        #expect(source.layout.hasRecommendedIndex == index)
        for breakdown in [Breakdown.channel, .team, .agent, .label] {
            let daily = try await source.dailyReport(for: ReportRequest(range: Self.range, breakdown: breakdown),
                                                     calendar: Self.honolulu, progress: { _ in })
            #expect(daily.breakdown == breakdown)
            #expect(daily.fixtureLines == GroupFixture.days[breakdown.rawValue], "\(breakdown), index \(index)")
        }
        // An inbox view's days are its channel's.
        let inbox = try await source.dailyReport(for: ReportRequest(range: Self.range, breakdown: .inbox),
                                                 calendar: Self.honolulu, progress: { _ in })
        #expect(inbox.fixtureLines == GroupFixture.days["channel"])
    }

    @Test func anOldShapeFileNamesWhatItLacksForTheDaysAndStillGivesTheChannels() async throws {
        let scratch = try Scratch()
        let source = try Self.file(GroupFixture.oldShapeSQLite, in: scratch)
        let request = ReportRequest(range: Self.range, breakdown: .team)
        let sentence = SourceError(.badData, "groups.sqlite has no column \"team_id\" in table \"conversations\", which "
                                   + "--by team needs (files written by chanstat sample have it; see sample-data/schema.sql)")
        #expect(source.dailyRefusal(for: request, calendar: Self.honolulu) == sentence)
        await #expect(throws: sentence) {
            _ = try await source.dailyReport(for: request, calendar: Self.honolulu, progress: { _ in })
        }
        // Its one conversation, 2026-01-09 10:00 UTC, is midnight of the 9th in Honolulu.
        let channel = try await source.dailyReport(for: Self.range, calendar: Self.honolulu)
        #expect(channel.fixtureLines.filter { !$0.hasSuffix(" total 0/0/0/0") }
            == ["2026-01-09 Channel::WebWidget 1/0/0/0", "2026-01-09 total 1/0/0/0"])
    }
}
