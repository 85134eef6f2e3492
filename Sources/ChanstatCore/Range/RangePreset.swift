import Foundation

/// The presets (docs/report.md), after Chatwoot's reports screen. All in local time (the calendar's zone).
/// "Last N days" runs from the start of the day N-1 days ago to the end of today.
public enum RangePreset: String, CaseIterable, Sendable {
    case today
    case last7Days = "7d"
    case last30Days = "30d"
    case last3Months = "3m"
    case last6Months = "6m"
    case thisMonth = "this-month"
    case lastMonth = "last-month"

    /// The default range everywhere: last 30 days.
    public static let standard = RangePreset.last30Days

    public var title: String {
        switch self {
        case .today: return "Today"
        case .last7Days: return "Last 7 days"
        case .last30Days: return "Last 30 days"
        case .last3Months: return "Last 3 months"
        case .last6Months: return "Last 6 months"
        case .thisMonth: return "This month"
        case .lastMonth: return "Last month"
        }
    }

    /// The dashboard's digit key: 1 today … 7 last month, in this order.
    public var digit: Int { RangePreset.allCases.firstIndex(of: self)! + 1 }

    public init?(digit: Int) {
        guard (1...RangePreset.allCases.count).contains(digit) else { return nil }
        self = RangePreset.allCases[digit - 1]
    }

    /// Days before today where a "last N days" preset starts.
    private var daysBack: Int? {
        switch self {
        case .today: return 0
        case .last7Days: return 6
        case .last30Days: return 29
        case .last3Months: return 89
        case .last6Months: return 179
        case .thisMonth, .lastMonth: return nil
        }
    }

    /// The range this preset means at `now`. Every preset is well within the 6-month limit
    /// (the longest, 180 local days, is at most 15,555,600 s even with a daylight-saving hour).
    public func range(now: Date, calendar: LocalCalendar) -> DateRange {
        let today = calendar.today(now: now)
        let endOfToday = calendar.startOfDay(today.adding(days: 1))
        let since: Int64, until: Int64
        switch self {
        case .thisMonth:
            (since, until) = (calendar.startOfDay(today.firstOfMonth(offset: 0)), endOfToday)
        case .lastMonth:
            (since, until) = (calendar.startOfDay(today.firstOfMonth(offset: -1)),
                              calendar.startOfDay(today.firstOfMonth(offset: 0)))
        default:
            (since, until) = (calendar.startOfDay(today.adding(days: -(daysBack ?? 0))), endOfToday)
        }
        // The rules above always give a valid range; `try!` would be a crash path, so fall back to one day.
        return (try? DateRange(since: since, until: until))
            ?? (try! DateRange(since: endOfToday - 86_400, until: endOfToday))
    }
}
