import ChanstatCore

/// The custom range form (`d`): two text fields and, after a failed Enter, the error under its field.
public struct RangeForm: Equatable, Sendable {
    public static let maximumLength = 32

    public var since: String
    public var until: String
    public var focus: RangeField
    public var error: RangeError?

    /// Prefilled from a range as dates: `until` shows the last day the range includes, which is what
    /// typing it back as `YYYY-MM-DD` means.
    public init(range: DateRange, calendar: LocalCalendar) {
        since = calendar.civilDate(at: range.since).description
        until = calendar.lastIncludedDay(of: range).description
        focus = .since
        error = nil
    }

    public subscript(field: RangeField) -> String {
        get { field == .since ? since : until }
        set { if field == .since { since = newValue } else { until = newValue } }
    }

    public mutating func switchFocus() {
        focus = focus == .since ? .until : .since
    }
}
