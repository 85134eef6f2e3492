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
