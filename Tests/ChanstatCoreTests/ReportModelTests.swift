import ChanstatCore
import Testing

/// The one report model every front end draws (docs/report.md): order, the union of two periods, changes and
/// their rounding, `new`, totals, overflow, inbox rows.
@Suite struct ReportModelTests {
    static func counts(_ open: Int64, _ resolved: Int64, _ pending: Int64, _ snoozed: Int64) -> ChannelCounts {
        ChannelCounts(open: open, resolved: resolved, pending: pending, snoozed: snoozed)!
    }

    /// A database's answer: (channel type, inbox id, inbox name, status, count) rows.
    static func report(_ rows: [(String, Int64, String, Int64, Int64)]) -> SourceReport {
        var report = SourceReport()
        for row in rows {
            let added = report.add(channelType: row.0, inboxID: row.1, inboxName: row.2, statusCode: row.3, count: row.4)
            #expect(added)
        }
        return report
    }

    static let now = report([
        ("Channel::Email", 12, "Support mail", 0, 1), ("Channel::Email", 12, "Support mail", 1, 2),
        ("Channel::Email", 13, "Billing\u{1B}[31m", 2, 4),
        ("Channel::WebWidget", 1, "Site", 0, 3), ("Channel::WebWidget", 1, "Site", 7, 50),
        ("Channel::Sms", 5, "SMS", 3, 7),
    ])
    static let before = report([
        ("Channel::Email", 12, "Support mail", 1, 3), ("Channel::Api", 9, "App", 0, 2),
        ("Channel::WebWidget", 1, "Site", 0, 3),
    ])

    @Test func rowsAreOrderedByTotalThenLabelThenKey() {
        let model = ReportModel(Self.now)
        #expect(model.rows.map(\.label) == ["Email", "SMS", "Website"])   // 7, 7, 3: the tie by label
        #expect(model.rows.map(\.counts.total) == [7, 7, 3])
        #expect(model.totals?.total == 17)
        #expect(!model.comparing)
        #expect(model.hasInboxes)
        #expect(model.rows.allSatisfy { $0.previous == nil })
        // Same labels, different keys: the raw type breaks the tie, the same every time.
        let twins = ReportModel(ChannelSummary(channels: ["Channel::Foo": Self.counts(1, 0, 0, 0), "Foo": Self.counts(1, 0, 0, 0)]))
        #expect(twins.rows.map(\.key) == ["Channel::Foo", "Foo"])
    }

    @Test func inboxRowsAreSafeOrderedAndAddUp() {
        let email = ReportModel(Self.now).row("Channel::Email")!
        #expect(email.children.map(\.key) == ["13", "12"])
        #expect(email.children.map(\.label) == ["Billing\u{FFFD}[31m", "Support mail"])
        #expect(email.children.map(\.kind) == [.inbox, .inbox])
        var sum = ChannelCounts()
        for child in email.children {
            let added = sum.add(child.counts)
            #expect(added)
        }
        #expect(sum == email.counts)
        // Status 7 counts nowhere, in the inbox as in the channel.
        #expect(ReportModel(Self.now).row("Channel::WebWidget")?.children.first?.counts.total == 3)
        #expect(!ReportModel(ChannelSummary()).hasInboxes)
    }

    @Test func sortingByEveryColumn() {
        let rows = ReportModel(Self.now).rows
        #expect(ReportSort(column: .label).ordered(rows).map(\.label) == ["Email", "SMS", "Website"])
        #expect(ReportSort(column: .label, reversed: true).ordered(rows).map(\.label) == ["Website", "SMS", "Email"])
        #expect(ReportSort(column: .open).ordered(rows).map(\.label) == ["Website", "Email", "SMS"])
        #expect(ReportSort(column: .snoozed).ordered(rows).map(\.label) == ["SMS", "Email", "Website"])
        #expect(ReportSort(column: .pending).ordered(rows).first?.label == "Email")
        #expect(ReportSort.standard.next == ReportSort(column: .label))
        #expect(ReportSort(column: .resolved).next == ReportSort(column: .total))
    }

    /// Both periods' channel types and inboxes, zeros where one period had nothing.
    @Test func comparingIsTheUnionOfBothPeriods() {
        let model = ReportModel(Self.now, previous: Self.before)
        #expect(model.comparing)
        #expect(Set(model.rows.map(\.key)) == ["Channel::Email", "Channel::WebWidget", "Channel::Sms", "Channel::Api"])
        let api = model.row("Channel::Api")!
        #expect(api.counts == ChannelCounts())
        #expect(api.previous?.open == 2)
        #expect(api.change(.total)?.relativeText == "-100%")
        #expect(api.change(.total)?.deltaText == "-2")
        let sms = model.row("Channel::Sms")!
        #expect(sms.previous == ChannelCounts())
        #expect(sms.change(.total)?.relativeText == "new")
        #expect(sms.change(.snoozed)?.deltaText == "+7")
        let email = model.row("Channel::Email")!
        #expect(email.change(.total) == Change(now: 7, before: 3))
        #expect(email.change(.total)?.relativeText == "+133%")
        #expect(email.children.map(\.key).sorted() == ["12", "13"])
        #expect(email.children.first { $0.key == "13" }?.previous == ChannelCounts())
        #expect(model.previousTotals?.total == 8)
        #expect(model.totals?.total == 17)
    }

    /// Rounded half away from zero, in integers; `new` only when there was nothing before.
    @Test(arguments: [
        (3, 2, "+50%"), (2, 3, "-33%"), (1, 3, "-67%"), (5, 4, "+25%"), (201, 200, "+1%"), (199, 200, "-1%"),
        (1, 200, "-100%"), (2001, 2000, "0%"), (4, 4, "0%"), (0, 4, "-100%"), (9, 0, "new"), (7, 8, "-13%"),
        (Int64.max, 1, "+\(Int64.max)%"),
    ] as [(Int64, Int64, String)])
    func relativeChange(_ now: Int64, _ before: Int64, _ text: String) {
        #expect(Change(now: now, before: before).relativeText == text)
    }

    @Test func changeText() {
        #expect(Change(now: 5, before: 2).deltaText == "+3")
        #expect(Change(now: 2, before: 5).deltaText == "-3")
        #expect(Change(now: 2, before: 2).deltaText == "0")
        #expect(Change(now: 0, before: 0).relativeText == "")
    }

    @Test func overflowingTotalsAreNil() {
        let huge = ChannelSummary(channels: ["A": Self.counts(Int64.max, 0, 0, 0), "B": Self.counts(1, 0, 0, 0)])
        let model = ReportModel(SourceReport(summary: huge), previous: SourceReport(summary: huge))
        #expect(model.totals == nil)
        #expect(model.previousTotals == nil)
        #expect(model.rows.count == 2)
        #expect(ReportTable.render(model).contains("overflow"))
    }
}

/// `report --compare` and `--by inbox` in the three formats, from a model built for it.
@Suite struct ReportModelOutputTests {
    typealias M = ReportModelTests

    @Test func comparisonTable() {
        let text = ReportTable.render(ReportModel(M.now, previous: M.before))
        #expect(text == """
            Channel  Open  +/-  Pending  +/-  Snoozed  +/-  Resolved  +/-  Total  +/-      %
            Email       1   +1        4   +4        0    0         2   -1      7   +4  +133%
            SMS         0    0        0    0        7   +7         0    0      7   +7    new
            Website     3    0        0    0        0    0         0    0      3    0     0%
            API         0   -2        0    0        0    0         0    0      0   -2  -100%
            --------------------------------------------------------------------------------
            Total       4   -1        4   +4        7   +7         2   -1     17   +9  +113%

            Status changes are mostly age: the older period has had longer to be resolved.

            """)
    }

    @Test func comparisonCSVAndJSON() throws {
        let model = ReportModel(M.now, previous: M.before)
        #expect(ReportCSV.render(model) == """
            channel_type,label,open,resolved,pending,snoozed,total,open_change,resolved_change,pending_change,snoozed_change,total_change,total_change_percent
            Channel::Api,API,0,0,0,0,0,-2,0,0,0,-2,-100%
            Channel::Email,Email,1,2,4,0,7,+1,-1,+4,0,+4,+133%
            Channel::Sms,SMS,0,0,0,7,7,0,0,0,+7,+7,new
            Channel::WebWidget,Website,3,0,0,0,3,0,0,0,0,0,0%

            """)
        let range = try DateRange(since: 1_767_225_600, until: 1_769_904_000)
        let json = ReportJSON.encodeComparison(model, range: range, previous: try range.stepped(by: -1))
        #expect(json.hasPrefix("""
            {"range":{"since":1767225600,"until":1769904000},"previous":{"since":1764547200,"until":1767225600},\
            "channels":{"Channel::Api":{"now":{"open":0,"resolved":0,"pending":0,"snoozed":0,"total":0},\
            "before":{"open":2,"resolved":0,"pending":0,"snoozed":0,"total":2}},"Channel::Email":{"now":{"open":1,
            """))
        #expect(json.hasSuffix("\"before\":{\"open\":3,\"resolved\":0,\"pending\":0,\"snoozed\":0,\"total\":3}}}}"))
    }

    @Test func byInboxInThreeFormats() {
        let model = ReportModel(M.now)
        #expect(ReportTable.render(model, byInbox: true) == """
            Channel  Inbox         Open  Pending  Snoozed  Resolved  Total
            Email    Billing\u{FFFD}[31m     0        4        0         0      4
            Email    Support mail     1        0        0         2      3
            SMS      SMS              0        0        7         0      7
            Website  Site             3        0        0         0      3
            --------------------------------------------------------------
            Total                     4        4        7         2     17

            """)
        #expect(ReportCSV.render(model, byInbox: true) == """
            channel_type,label,inbox_id,inbox_name,open,resolved,pending,snoozed,total
            Channel::Email,Email,12,Support mail,1,2,0,0,3
            Channel::Email,Email,13,Billing\u{FFFD}[31m,0,0,4,0,4
            Channel::Sms,SMS,5,SMS,0,0,0,7,7
            Channel::WebWidget,Website,1,Site,3,0,0,0,3

            """)
        #expect(ReportJSON.encodeByInbox(model) == """
            {"Channel::Email":{"inboxes":{"12":{"name":"Support mail","open":1,"resolved":2,"pending":0,"snoozed":0,"total":3},\
            "13":{"name":"Billing\u{FFFD}[31m","open":0,"resolved":0,"pending":4,"snoozed":0,"total":4}},\
            "open":1,"resolved":2,"pending":4,"snoozed":0,"total":7},\
            "Channel::Sms":{"inboxes":{"5":{"name":"SMS","open":0,"resolved":0,"pending":0,"snoozed":7,"total":7}},\
            "open":0,"resolved":0,"pending":0,"snoozed":7,"total":7},\
            "Channel::WebWidget":{"inboxes":{"1":{"name":"Site","open":3,"resolved":0,"pending":0,"snoozed":0,"total":3}},\
            "open":3,"resolved":0,"pending":0,"snoozed":0,"total":3}}
            """)
    }
}
