import ChanstatCore
import Foundation
@testable import ChanstatDashboard

/// A fixed world for tests: UTC, a fixed "now", and a small report whose numbers are easy to check.
enum Fixtures {
    static let calendar = LocalCalendar.utc
    /// 2026-11-25 12:00:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_608_000)
    static let last30Days = RangePreset.last30Days.range(now: now, calendar: calendar)

    static func counts(_ open: Int64, _ resolved: Int64, _ pending: Int64, _ snoozed: Int64) -> ChannelCounts {
        ChannelCounts(open: open, resolved: resolved, pending: pending, snoozed: snoozed)!
    }

    static let summary = ChannelSummary(channels: [
        "Channel::WebWidget": counts(12, 30, 4, 2),
        "Channel::Email": counts(3, 10, 1, 0),
        "Channel::Whatsapp": counts(0, 5, 0, 0),
    ])

    static func state(colored: Bool = true, glyphs: GlyphSet = .unicode) -> DashboardState {
        DashboardState(sourceName: "demo data", calendar: calendar,
                       selection: RangeSelection(preset: .last30Days, range: last30Days),
                       refreshSeconds: 60, display: DisplayOptions(glyphs: glyphs, colored: colored))
    }

    /// A state that has started and received `summary` for its range in 12 ms, with nothing selected (as after
    /// Esc): the tests of the keys that move the selection start from there. `started` keeps the first row selected
    /// as the first load leaves it.
    static func loaded(_ summary: ChannelSummary = summary, colored: Bool = true, glyphs: GlyphSet = .unicode) -> DashboardState {
        unselected(started(summary, colored: colored, glyphs: glyphs))
    }

    /// A state that has started and received `summary` for its range in 12 ms, as the dashboard is at start.
    static func started(_ summary: ChannelSummary = summary, colored: Bool = true, glyphs: GlyphSet = .unicode) -> DashboardState {
        var state = state(colored: colored, glyphs: glyphs)
        state = Dashboard.update(state, .started, now: now).0
        let result = LoadResult(requestID: state.pendingRequest!, range: state.selection.range,
                                outcome: .success(loadedReport(summary, range: state.selection.range)), durationSeconds: 0.012)
        return Dashboard.update(state, .loadFinished(result), now: now).0
    }

    /// `state` with its channel selection cleared, as Esc on the channel list clears it.
    static func unselected(_ state: DashboardState) -> DashboardState {
        Dashboard.update(state, .key(.escape), now: now).0
    }

    /// What a source answers for `summary` (no inbox rows), as one load of `range`.
    static func loadedReport(_ summary: ChannelSummary, range: DateRange = last30Days) -> LoadedReport {
        LoadedReport(range: range, report: SourceReport(summary: summary))
    }

    static func press(_ state: DashboardState, _ keys: Key...) -> (DashboardState, [DashboardEffect]) {
        var current = state, effects: [DashboardEffect] = []
        for key in keys {
            (current, effects) = Dashboard.update(current, .key(key), now: now)
        }
        return (current, effects)
    }

    /// The range form, when it is open.
    /// Opens the range form on the loaded fixture, clears both fields, types new ones and presses Enter.
    static func enterRange(since: String, until: String) -> (DashboardState, [DashboardEffect]) {
        var state = press(loaded(), .character("d")).0
        for _ in 0..<12 { state = press(state, .backspace).0 }
        state = type(state, since)
        state = press(state, .tab).0
        for _ in 0..<12 { state = press(state, .backspace).0 }
        state = type(state, until)
        return press(state, .enter)
    }

    static func form(_ state: DashboardState) -> RangeForm? {
        if case .rangeForm(let form) = state.overlay { return form }
        return nil
    }

    static func type(_ state: DashboardState, _ text: String) -> DashboardState {
        text.reduce(state) { Dashboard.update($0, .key(.character($1)), now: now).0 }
    }
}
