import ChanstatCore
import Testing

/// The days by a breakdown other than channel: each day's groups as the source's rows say, and each day's total
/// the source's own count, never summed from the groups (by label one conversation is in several).
@Suite struct DailyReportTests {
    static let days = LocalDays(try! DateRange(since: jan1st2026, until: jan1st2026 + 3 * 86_400), calendar: Zones.utc)

    /// Counted by hand: on day 0, conversation A (open) is labelled urgent and refund, B (resolved) refund, C
    /// (pending) nothing; on day 2, D (snoozed) urgent. The rows a database answers for that (`addRow`).
    @Test func byLabelAConversationWithTwoLabelsCountsOnceInTheDaysTotal() {
        var daily = DailyReport(days: Self.days, breakdown: .label)
        let rows: [(day: Int, isTotal: Bool, label: String?, status: Int64, count: Int64)] = [
            (0, false, "urgent", 0, 1), (0, false, "refund", 0, 1), (0, false, "refund", 1, 1), (0, false, nil, 2, 1),
            (0, true, nil, 0, 1), (0, true, nil, 1, 1), (0, true, nil, 2, 1),
            (2, false, "urgent", 3, 1), (2, true, nil, 3, 1),
        ]
        for row in rows {
            let added = daily.addRow(day: row.day, isTotal: row.isTotal, id: nil, name: row.label, displayName: nil,
                                     statusCode: row.status, count: row.count)
            #expect(added)
        }
        #expect(daily.counts(day: 0, group: .text("urgent")) == ChannelCounts(open: 1, resolved: 0, pending: 0, snoozed: 0))
        #expect(daily.counts(day: 0, group: .text("refund")) == ChannelCounts(open: 1, resolved: 1, pending: 0, snoozed: 0))
        // The none group, named as the table names it.
        #expect(daily.groups[0][.none]?.name == "No label")
        #expect(daily.counts(day: 0, group: GroupKey.none) == ChannelCounts(open: 0, resolved: 0, pending: 1, snoozed: 0))
        // The rows of day 0 hold 4, the day 3: A once.
        #expect(daily.counts(day: 0, group: nil) == ChannelCounts(open: 1, resolved: 1, pending: 1, snoozed: 0))
        #expect(daily.counts(day: 1, group: nil) == ChannelCounts())
        #expect(daily.counts(day: 2, group: nil) == ChannelCounts(open: 0, resolved: 0, pending: 0, snoozed: 1))
        #expect(daily.total == ChannelCounts(open: 1, resolved: 1, pending: 1, snoozed: 1))
        #expect(daily.keys == [.text("refund"), .text("urgent"), .none])
        // A day outside the range is a query gone wrong, not data to drop.
        let outside = daily.addRow(day: 3, isTotal: true, id: nil, name: nil, displayName: nil, statusCode: 0, count: 1)
        #expect(!outside)
    }

    @Test func byTeamTheNoneAndDeletedGroupsAreNamedAsInTheTable() {
        var daily = DailyReport(days: Self.days, breakdown: .team)
        let added = [daily.addRow(day: 1, isTotal: false, id: nil, name: nil, displayName: nil, statusCode: 0, count: 2),
                     daily.addRow(day: 1, isTotal: false, id: 9, name: nil, displayName: nil, statusCode: 1, count: 1),
                     daily.addRow(day: 1, isTotal: false, id: 3, name: "Billing", displayName: nil, statusCode: 7, count: 5)]
        #expect(added == [true, true, true])
        #expect(daily.groups[1][.none]?.name == "No team")
        #expect(daily.groups[1][.id(9)]?.name == "Team #9 (deleted)")
        #expect(daily.groups[1][.id(3)] == nil, "a status outside 0 to 3 counts nowhere")
        // No total rows came: the total is the source's, so it is zero, not the groups' sum.
        #expect(daily.counts(day: 1, group: nil) == ChannelCounts())
        // An inbox view's days are its channel's.
        #expect(DailyReport(days: Self.days, breakdown: .inbox).breakdown == .channel)
    }
}
