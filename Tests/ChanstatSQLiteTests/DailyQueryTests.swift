import ChanstatCore
import ChanstatTestSupport
@testable import ChanstatSQLite
import Foundation
import GRDB
import Testing

/// The day-by-day query of both shapes (index or not) and both timestamp forms against the days worked out in
/// Swift, row by row, from the same random conversations: around Berlin's and Kolkata's days, across
/// Berlin's change to summer time, with the range's first and last days partial.
@Suite struct DailyQueryTests {
    static func randomFixture(seed: UInt64, since: Int64, until: Int64) -> ChatwootFixture {
        var random = SplitMix64(seed: seed)
        var fixture = ChatwootFixture()
        fixture.inboxes = [.init(id: 1, account: 1, channelType: "Channel::WebWidget"),
                           .init(id: 2, account: 1, channelType: "Channel::Email"),
                           .init(id: 3, account: 2, channelType: "Channel::Email")]
        // A margin either side of the range, so the bounds are exercised; statuses 0-3 and 7 (counted nowhere).
        fixture.conversations = (0..<1_500).map { _ in
            let span = UInt64(until - since + 2 * 86_400)
            return .init(account: Int64(random.next() % 2 + 1), inbox: Int64(random.next() % 3 + 1),
                         status: [0, 1, 2, 3, 7][Int(random.next() % 5)],
                         createdAt: since - 86_400 + Int64(random.next() % span))
        }
        return fixture
    }

    /// What the rules say, computed from the rows without SQL.
    static func expected(_ fixture: ChatwootFixture, days: LocalDays, calendar: LocalCalendar) -> DailyReport {
        var daily = DailyReport(days: days)
        let types = Dictionary(uniqueKeysWithValues: fixture.inboxes.map { ($0.id, $0.channelType) })
        for c in fixture.conversations where c.account == 1 && c.createdAt >= days.range.since && c.createdAt < days.range.until {
            let index = days.days.firstIndex { $0.date == calendar.civilDate(at: c.createdAt) }!
            _ = daily.add(day: index, channelType: types[c.inbox]!, statusCode: c.status, count: 1)
        }
        return daily
    }

    /// Every other row rewritten in the other form: a file that another tool appended to.
    static func mixForms(_ path: String, _ mixed: Bool) throws {
        guard mixed else { return }
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                UPDATE conversations SET created_at = CASE typeof(created_at)
                    WHEN 'text' THEN CAST(strftime('%s', created_at) AS INTEGER)
                    ELSE strftime('%Y-%m-%d %H:%M:%S', created_at, 'unixepoch') END
                 WHERE id % 2 = 0
                """)
        }
        try queue.close()
    }

    @Test(arguments: ["Europe/Berlin", "Asia/Kolkata"], [false, true])
    func bothShapesCountEachDayAsTheRulesSay(zone: String, mixed: Bool) async throws {
      for timestamps in ChatwootFixture.Timestamps.allCases {
        let calendar = LocalCalendar(timeZone: TimeZone(identifier: zone)!)
        // 2026-03-20 09:30 to 2026-04-05 17:00 local: partial first and last days, Berlin's 23-hour 03-29.
        let since = calendar.instant(of: CivilDate(year: 2026, month: 3, day: 20)!, hour: 9, minute: 30)
        let until = calendar.instant(of: CivilDate(year: 2026, month: 4, day: 5)!, hour: 17)
        let range = try DateRange(since: since, until: until)
        var fixture = Self.randomFixture(seed: 42, since: since, until: until)
        fixture.timestamps = timestamps
        let expected = Self.expected(fixture, days: LocalDays(range, calendar: calendar), calendar: calendar)
        #expect(expected.days.days.count == 17)
        #expect(expected.total?.total ?? 0 > 300, "the fixture counts something")
        for index in [true, false] {
            let scratch = try Scratch()
            fixture.withIndex = index
            try fixture.write(to: scratch.path("f.sqlite"))
            try Self.mixForms(scratch.path("f.sqlite"), mixed)
            let source = try SQLiteReportSource(path: scratch.path("f.sqlite"), accountID: 1)
            #expect(source.layout.hasRecommendedIndex == index)
            let daily = try await source.dailyReport(for: range, calendar: calendar)
            #expect(daily == expected, "index \(index)")
            // And the days add up to the plain report of the same range.
            #expect(daily.total == (try await source.summary(for: range)).totals, "index \(index)")
        }
      }
    }
}
