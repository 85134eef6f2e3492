import Foundation

/// What a person picked: a preset, resolved anew at each refresh (so "today" moves at midnight),
/// or a fixed custom range.
public enum RangeChoice: Equatable, Sendable {
    case preset(RangePreset)
    case custom(DateRange)

    public func resolve(now: Date, calendar: LocalCalendar) -> DateRange {
        switch self {
        case .preset(let preset): return preset.range(now: now, calendar: calendar)
        case .custom(let range): return range
        }
    }

    public var title: String {
        switch self {
        case .preset(let preset): return preset.title
        case .custom: return "Custom range"
        }
    }
}

/// A choice and the range it gave the last time it was resolved: what the dashboard is looking at. A preset
/// is resolved anew at each load, so "today" follows the clock; a custom range is itself.
public struct RangeSelection: Equatable, Sendable {
    public let choice: RangeChoice
    public var range: DateRange

    public init(preset: RangePreset?, range: DateRange) {
        choice = preset.map(RangeChoice.preset) ?? .custom(range)
        self.range = range
    }

    public var preset: RangePreset? {
        if case .preset(let preset) = choice { return preset }
        return nil
    }

    /// "Last 30 days", or "Custom range".
    public var title: String { choice.title }
}
