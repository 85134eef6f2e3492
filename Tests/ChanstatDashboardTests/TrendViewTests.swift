import ChanstatCore
import Foundation
import Testing
@testable import ChanstatDashboard

/// The trend view (`t`): its keys and loads, the grouping into weeks, and its drawing at several sizes, with
/// colour and without, Unicode and ASCII.
@Suite struct TrendViewTests {
    typealias F = Fixtures

    /// 2026-11-16 (a Monday) to 2026-11-23 in UTC: 8, 4, 0, 4, 3, 1 and 0 conversations, 20 in all.
    static let week = try! DateRange(since: 1_794_787_200, until: 1_794_787_200 + 7 * 86_400)

    static func daily(_ range: DateRange = week, _ rows: [(day: Int, type: String, status: Int64, count: Int64)] = [
        (0, "Channel::WebWidget", 0, 8), (1, "Channel::WebWidget", 0, 1), (1, "Channel::Email", 1, 3),
        (3, "Channel::Email", 2, 2), (3, "Channel::Email", 3, 1), (3, "Channel::Email", 1, 1),
        (4, "Channel::WebWidget", 0, 1), (4, "Channel::WebWidget", 3, 2), (5, "Channel::Email", 1, 1),
    ]) -> DailyReport {
        var daily = DailyReport(days: LocalDays(range, calendar: F.calendar))
        for row in rows { _ = daily.add(day: row.day, channelType: row.type, statusCode: row.status, count: row.count) }
        return daily
    }

    /// The range's channel summary: the days' summed.
    static func summary(_ daily: DailyReport) -> ChannelSummary {
        var channels: [String: ChannelCounts] = [:]
        for day in daily.summaries { for (type, counts) in day.channels { channels[type, default: ChannelCounts()].add(counts) } }
        return ChannelSummary(channels: channels)
    }

    /// The dashboard on `range` with `t` pressed and the days answered.
    static func trend(_ daily: DailyReport = daily(), colored: Bool = true, glyphs: GlyphSet = .unicode) -> DashboardState {
        var state = DashboardState(sourceName: "demo data", calendar: F.calendar,
                                   selection: RangeSelection(preset: nil, range: daily.days.range), refreshSeconds: 60,
                                   display: DisplayOptions(glyphs: glyphs, colored: colored))
        state = Dashboard.update(state, .started, now: F.now).0
        state = F.press(state, .character("t")).0
        let loaded = LoadedReport(range: daily.days.range, report: SourceReport(summary: summary(daily)), daily: daily)
        return Dashboard.update(state, .loadFinished(LoadResult(requestID: state.pendingRequest!, range: daily.days.range,
                                                                outcome: .success(loaded), durationSeconds: 0.01)), now: F.now).0
    }

    @Test func tAsksForTheDaysAndTAgainGoesBack() throws {
        let (opened, effects) = F.press(F.loaded(), .character("t"))
        #expect(opened.trend == TrendView(group: nil))
        #expect(effects == [.cancelTick, .load(F.last30Days, comparing: false, days: true, requestID: 2)])
        // Progress is kept for the pending request only.
        let progressed = Dashboard.update(opened, .dayProgress(requestID: 2, DayProgress(done: 3, total: 30)), now: F.now).0
        #expect(progressed.dayProgress == DayProgress(done: 3, total: 30))
        #expect(Dashboard.update(opened, .dayProgress(requestID: 1, DayProgress(done: 3, total: 30)), now: F.now).0.dayProgress == nil)
        #expect(Dashboard.view(progressed, width: 100, height: 30).lines()[3].hasSuffix("loading days 3 of 30"))

        let answered = Self.trend()
        let (closed, closeEffects) = F.press(answered, .character("t"))
        #expect(closed.trend == nil)
        #expect(closeEffects.isEmpty, "the table is on hand: nothing to load")
        // Back in, the days on hand are drawn without a load; Esc also goes back.
        let (again, againEffects) = F.press(closed, .character("t"))
        #expect(again.trend != nil && againEffects.isEmpty)
        #expect(F.press(again, .escape).0.trend == nil)
        // Refreshing in the trend view asks for the days again; refreshing in the table does not.
        #expect(F.press(again, .character("r")).1.contains(.load(Self.week, comparing: false, days: true, requestID: 3)))
        #expect(F.press(closed, .character("r")).1.contains(.load(Self.week, comparing: false, days: false, requestID: 3)))
    }

    @Test func jAndKChooseTheChannelInTheTablesOrder() {
        let state = Self.trend()
        var titles: [String] = []
        var current = state
        for _ in 0..<4 {
            titles.append(String(Dashboard.view(current, width: 100, height: 30).lines()[3].prefix(40))
                .trimmingCharacters(in: .whitespaces))
            current = F.press(current, .character("j")).0
        }
        #expect(titles == [
            "Created per day: all channels", "Created per day: Website", "Created per day: Email", "Created per day: Email",
        ])
        #expect(F.press(state, .character("j"), .character("j"), .character("k")).0.trend?.group == .text("Channel::WebWidget"))
        // From a selected channel, `t` starts on it.
        let selected = F.press(F.loaded(), .down, .down).0
        #expect(F.press(selected, .character("t")).0.trend?.group == .text("Channel::Email"))
    }

    @Test func aFailedRefreshKeepsTheDaysOnScreen() {
        let state = Self.trend()
        let (refreshing, _) = F.press(state, .character("r"))
        let failed = Dashboard.update(refreshing, .loadFinished(LoadResult(
            requestID: refreshing.pendingRequest!, range: Self.week,
            outcome: .failure(SourceError(.unavailable, "the server is down")), durationSeconds: 0.01)), now: F.now).0
        #expect(failed.data?.loaded.daily == Self.daily())
        let lines = Dashboard.view(failed, width: 40, height: 12).lines()
        #expect(lines[2].contains("Stale") || lines[2].contains("stale"), "\(lines)")
        #expect(lines.joined().contains("the server is down"), "\(lines)")
        #expect(lines.contains(" 8│████"), "\(lines)")
    }

    @Test func theColumnsAtFortyByTwelveWithColour() {
        let grid = Dashboard.view(Self.trend(), width: 40, height: 12)
        #expect(Array(grid.lines()[3...10]) == [
            "Created per day: all channels",
            " 8│████",
            "  │████",
            " 4│████ ████      ████ ▄▄▄▄",
            "  │████ ████      ████ ████ ▄▄▄▄",
            " 0└─────────────────────────────────────",
            "   11-16     11-18     11-20     11-22",
            "█ Open  █ Pending  █ Snoozed  █ Resolved",
        ])
        // Bottom up in the bars' order, the top eighths in the status they finish.
        func colour(_ x: Int, _ y: Int) -> SemanticColor? { grid[x, y].style.foreground }
        #expect(colour(8, 7) == SemanticColor(ConversationStatus.open) && colour(8, 6) == SemanticColor(ConversationStatus.resolved))
        #expect(colour(18, 7) == SemanticColor(ConversationStatus.pending) && colour(18, 6) == SemanticColor(ConversationStatus.snoozed))
        #expect(colour(23, 6) == SemanticColor(ConversationStatus.snoozed) && colour(28, 7) == SemanticColor(ConversationStatus.resolved))
    }

    @Test func withoutColourEachStatusHasItsGlyphAndColumnsEndOnWholeCells() {
        for glyphs in [GlyphSet.ascii, .unicode] {
            let lines = Dashboard.view(Self.trend(colored: false, glyphs: glyphs), width: 40, height: 12).lines()
            let fills = glyphs.statusFills
            let (o, p, s, r) = (fills[.open]!, fills[.pending]!, fills[.snoozed]!, fills[.resolved]!)
            let rule = glyphs.verticalRule
            #expect(lines[6] == " 4\(rule)\(String(repeating: o, count: 4)) \(String(repeating: r, count: 4))      "
                    + "\(String(repeating: s, count: 4)) \(String(repeating: s, count: 4))")
            #expect(lines[7] == "  \(rule)\(String(repeating: o, count: 4)) \(String(repeating: o, count: 4))      "
                    + "\(String(repeating: p, count: 4)) \(String(repeating: o, count: 4)) \(String(repeating: r, count: 4))")
            #expect(!lines.joined().contains { "▁▂▃▄▅▆▇".contains($0) })
        }
    }

    @Test func aWideScreenLabelsEveryDay() {
        let lines = Dashboard.view(Self.trend(), width: 100, height: 30).lines()
        #expect(lines[3] == "Created per day: all channels" + String(repeating: " ", count: 44) + "by status now; j k: channel")
        #expect(lines[4].hasPrefix(" 8│███"))
        #expect(lines[27] == "   11-16 11-17 11-18 11-19 11-20 11-21 11-22")
    }

    @Test func weeksWhenTheDaysDoNotFitThenTheLatestWeeks() throws {
        // 2026-06-04 (a Thursday) to 2026-12-01: 180 days, one conversation each, two on Mondays.
        let range = try DateRange(since: 1_780_531_200, until: 1_780_531_200 + 180 * 86_400)
        let rows = (0..<180).map { day in
            (day: day, type: "Channel::Email", status: Int64(day % 4), count: TrendColumns.monday(of: CivilDate(daysSinceEpoch: 20_608 + day))
                == CivilDate(daysSinceEpoch: 20_608 + day) ? Int64(2) : Int64(1))
        }
        let daily = Self.daily(range, rows)
        let byDay = TrendColumns(daily, group: nil, fitting: 180)
        #expect(!byDay.weekly && byDay.columns.count == 180 && byDay.hidden == 0)
        let weeks = TrendColumns(daily, group: nil, fitting: 179)
        #expect(weeks.weekly)
        #expect(weeks.columns.first?.first.description == "2026-06-04" && weeks.columns.first?.last.description == "2026-06-07")
        #expect(weeks.columns[1].first.description == "2026-06-08" && weeks.columns[1].last.description == "2026-06-14")
        #expect(weeks.columns[1].counts.total == 8)  // a Monday's 2 and six 1s
        #expect(weeks.columns.first?.counts.total == 4 && weeks.columns.count == 27)
        #expect(weeks.columns.map(\.counts.total).reduce(0, +) == daily.total?.total)
        let latest = TrendColumns(daily, group: nil, fitting: 10)
        #expect(latest.hidden == 17 && latest.columns.count == 10 && latest.columns.last == weeks.columns.last)
        #expect(TrendColumns(daily, group: .text("Channel::Sms"), fitting: 200).largest == 0)
        // The first week (Thursday to Sunday) and the last (a Monday alone) are partial, and said so; days never are.
        #expect(weeks.columns.map(weeks.isPartial) == [true] + Array(repeating: false, count: 25) + [true])
        #expect(weeks.columns.last?.first.description == "2026-11-30" && weeks.columns.last?.last.description == "2026-11-30")
        #expect(!byDay.columns.contains(where: byDay.isPartial))

        let state = Self.trend(daily)
        let narrow = Dashboard.view(state, width: 32, height: 10).lines()
        #expect(narrow[3] == "Created per week (Mon-Sun): all")
        #expect(Dashboard.view(state, width: 60, height: 12).lines()[3] == "Created per week (Mon-Sun): all channels; * a partial week")
        #expect(Dashboard.view(state, width: 40, height: 12).lines()[9] == "    06-04* 07-20 08-31 10-12 11-23")
        // The latest 10 weeks: only the last is partial.
        #expect(latest.columns.map(latest.isPartial) == Array(repeating: false, count: 9) + [true])
    }

    /// The trend draws one period: with compare on, the header says compare does not apply instead of "vs".
    @Test func compareDoesNotApplyToTheTrend() {
        let comparing = F.press(Self.trend(), .character("c")).0
        #expect(comparing.comparing)
        let header = Dashboard.view(comparing, width: 120, height: 24).lines()[1]
        #expect(header.contains("(compare does not apply to the trend)") && !header.contains(" vs "), "\(header)")
        let table = F.press(comparing, .character("t")).0
        #expect(Dashboard.view(table, width: 120, height: 24).lines()[1].contains(" vs "))
    }

    @Test func shortScreensSayWhatIsNeeded() {
        let state = Self.trend()
        // 32x8 leaves the trend three rows: too few for a chart.
        #expect(Array(Dashboard.view(state, width: 32, height: 8).lines()[3...4]) == ["Too short for the trend: enlarge", "          the terminal"])
        // Four rows: a chart of one row, still to an eighth.
        #expect(Dashboard.view(state, width: 32, height: 9).lines()[4] == " 8│███ ▄▄▄     ▄▄▄ ▃▃▃ ▁▁▁")
        #expect(Dashboard.view(state, width: 20, height: 5).lines()[0] == " Terminal too small")
        for width in 0...60 {
            for height in 0...14 {
                #expect(Dashboard.view(state, width: width, height: height).lines().count == max(0, height))
            }
        }
    }

    @Test func aSourceOverItsLimitSaysSoInTheView() {
        var state = F.press(F.loaded(), .character("t")).0
        let refused = LoadedReport(range: F.last30Days, report: SourceReport(summary: F.summary),
                                   dailyRefusal: "day by day, this source is asked once per day, so at most 31 days at a time")
        state = Dashboard.update(state, .loadFinished(LoadResult(requestID: state.pendingRequest!, range: F.last30Days,
                                                                 outcome: .success(refused), durationSeconds: 0.01)), now: F.now).0
        let text = Dashboard.view(state, width: 60, height: 20).lines().joined(separator: "\n")
        #expect(text.contains("day by day, this source is asked once per day, so at most 31\n"))
        #expect(text.contains(" days at a time\n"))
    }
}
