import ChanstatCore
import Testing

/// The grouped answer and its model (SPEC 10): overlapping labels keep the source's total, the none and deleted
/// groups' names, the order, and compare's union of both periods' groups.
@Suite struct GroupedReportTests {
    /// A database's rows: (is_total, id, name, display_name, status, count).
    static func grouped(_ breakdown: Breakdown, _ rows: [(Bool, Int64?, String?, String?, Int64, Int64)]) -> GroupedReport {
        var report = GroupedReport(breakdown: breakdown)
        for row in rows {
            let added = report.addRow(isTotal: row.0, id: row.1, name: row.2, displayName: row.3, statusCode: row.4,
                                      count: row.5)
            #expect(added)
        }
        return report
    }

    /// Three conversations: one labelled billing and vip (open), one vip (resolved), one without (pending).
    static let labels = grouped(.label, [
        (false, nil, "billing", nil, 0, 1), (false, nil, "vip", nil, 0, 1), (false, nil, "vip", nil, 1, 1),
        (false, nil, nil, nil, 2, 1),
        (true, nil, nil, nil, 0, 1), (true, nil, nil, nil, 1, 1), (true, nil, nil, nil, 2, 1),
    ])

    @Test func overlappingLabelsKeepTheSourcesTotal() {
        let model = ReportModel(Self.labels)
        #expect(model.rows.map(\.counts.total).reduce(0, +) == 4)
        #expect(model.totals == ChannelCounts(open: 1, resolved: 1, pending: 1, snoozed: 0))
        #expect(model.totalsRow?.counts.total == 3)
        #expect(model.rows.map(\.group) == [.text("vip"), .text("billing"), .none])
        #expect(model.rows.map(\.label) == ["vip", "billing", "No label"])
        #expect(ReportTable.render(model).contains(Breakdown.label.overlapNote!))
    }

    @Test func noneAndDeletedGroupsAreNamed() {
        let teams = ReportModel(Self.grouped(.team, [
            (false, 3, "Billing", nil, 0, 2), (false, nil, nil, nil, 0, 1), (false, 9, nil, nil, 1, 1),
        ]))
        #expect(teams.rows.map(\.label) == ["Billing", "No team", "Team #9 (deleted)"])
        #expect(teams.rows.map(\.group) == [.id(3), .none, .id(9)])
        let agents = ReportModel(Self.grouped(.agent, [
            (false, 1, "Alice Smith", "Alice", 0, 1), (false, 2, "Bob", "", 0, 1), (false, 3, nil, nil, 0, 1),
            (false, nil, nil, nil, 0, 1), (false, 4, "Eve\u{1B}[2J", nil, 0, 1),
        ]))
        // Ties on total 1: by name ignoring case, then key; a name from the database is made safe.
        #expect(agents.rows.map(\.label) == ["Agent #3 (deleted)", "Alice", "Bob", "Eve\u{FFFD}[2J", "Unassigned"])
    }

    @Test func orderIsTotalThenNameIgnoringCaseThenKey() {
        let model = ReportModel(Self.grouped(.team, [
            (false, 5, "beta", nil, 0, 1), (false, 4, "Alpha", nil, 0, 1), (false, 2, "alpha", nil, 0, 1),
            (false, 1, "Zed", nil, 0, 3), (false, 7, "Alpha", nil, 0, 1),
        ]))
        // 3 first; then "Alpha", "Alpha", "alpha" (folded equal: exact text, "A" before "a"), then key 4 before 7.
        #expect(model.rows.map(\.group) == [.id(1), .id(4), .id(7), .id(2), .id(5)])
    }

    @Test func compareShowsTheUnionOfBothPeriods() {
        let now = Self.grouped(.team, [(false, 1, "Billing", nil, 0, 2), (true, nil, nil, nil, 0, 2)])
        let before = Self.grouped(.team, [(false, 2, "Sales", nil, 1, 1), (false, 1, "Billing", nil, 1, 3),
                                          (true, nil, nil, nil, 1, 4)])
        let model = ReportModel(now, previous: before)
        #expect(model.comparing)
        #expect(model.rows.map(\.label) == ["Billing", "Sales"])
        #expect(model.rows.map(\.counts.total) == [2, 0])
        #expect(model.rows.map { $0.previous?.total } == [3, 1])
        #expect(model.rows[0].change(.total)?.relativeText == "-33%")
        #expect(model.totals?.total == 2 && model.previousTotals?.total == 4)
        #expect(ReportJSON.encodeGroups(model, range: try! DateRange(since: 0, until: 10),
                                        previous: try! DateRange(since: -10, until: 0)) == """
            {"range":{"since":0,"until":10},"previous":{"since":-10,"until":0},"by":"team","groups":[\
            {"key":1,"name":"Billing","now":{"open":2,"resolved":0,"pending":0,"snoozed":0,"total":2},\
            "before":{"open":0,"resolved":3,"pending":0,"snoozed":0,"total":3}},\
            {"key":2,"name":"Sales","now":{"open":0,"resolved":0,"pending":0,"snoozed":0,"total":0},\
            "before":{"open":0,"resolved":1,"pending":0,"snoozed":0,"total":1}}],\
            "total":{"now":{"open":2,"resolved":0,"pending":0,"snoozed":0,"total":2},\
            "before":{"open":0,"resolved":4,"pending":0,"snoozed":0,"total":4}}}
            """)
    }

    @Test func unknownStatusesCountNowhereAndOverflowIsRefused() {
        var report = GroupedReport(breakdown: .label)
        let added = [report.addRow(isTotal: false, id: nil, name: "x", displayName: nil, statusCode: 7, count: 5),
                     report.addRow(isTotal: true, id: nil, name: nil, displayName: nil, statusCode: 7, count: 5)]
        #expect(added == [true, true])
        #expect(report.groups.isEmpty && report.total == ChannelCounts())
        let largest = report.addRow(isTotal: true, id: nil, name: nil, displayName: nil, statusCode: 0, count: .max)
        let overflow = report.addRow(isTotal: true, id: nil, name: nil, displayName: nil, statusCode: 1, count: 1)
        #expect(largest && !overflow)
        #expect(report.total?.total == .max)
    }
}
