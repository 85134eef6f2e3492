/// The numbers of the queue, in the order of SPEC 11's JSON, CSV and the table: one list, so that the formats
/// cannot disagree on a name or an order.
public enum QueueColumn: CaseIterable, Hashable, Sendable {
    case open, unattended, unassigned, pending, snoozed, waiting, oldestWait
    case wait(WaitAge)

    public static let allCases: [QueueColumn] = [.open, .unattended, .unassigned, .pending, .snoozed, .waiting,
                                                  .oldestWait] + WaitAge.allCases.map(QueueColumn.wait)

    /// The JSON key (inside `wait` for the ages) and the CSV column.
    public var key: String {
        switch self {
        case .open: return "open"
        case .unattended: return "unattended"
        case .unassigned: return "unassigned"
        case .pending: return "pending"
        case .snoozed: return "snoozed"
        case .waiting: return "waiting"
        case .oldestWait: return "oldest_wait"
        case .wait(let age): return age.rawValue
        }
    }

    /// The table's column title.
    public var title: String {
        switch self {
        case .open: return "Open"
        case .unattended: return "Unattended"
        case .unassigned: return "Unassigned"
        case .pending: return "Pending"
        case .snoozed: return "Snoozed"
        case .waiting: return "Waiting"
        case .oldestWait: return "Oldest wait"
        case .wait(let age): return age.title
        }
    }

    /// The number, nil where the source does not know it. The oldest wait is nil also when nobody waits.
    public func value(of counts: QueueCounts) -> Int64? {
        switch self {
        case .open: return counts.open
        case .unattended: return counts.unattended
        case .unassigned: return counts.unassigned
        case .pending: return counts.pending
        case .snoozed: return counts.snoozed
        case .waiting: return counts.waiting
        case .oldestWait: return counts.oldestWaitSeconds
        case .wait(let age): return counts.waitAges.map { $0[age] ?? 0 }
        }
    }

    /// Whether nil means "not known" rather than "none": every number but the oldest wait, which is nil when
    /// nobody waits, and unknown only when `waiting` is.
    func isUnknown(in counts: QueueCounts) -> Bool {
        self == .oldestWait ? counts.waiting == nil : value(of: counts) == nil
    }
}

extension QueueColumn {
    /// Whether any number of the report, a group's or the totals', is unknown.
    public static func hasUnknown(in report: QueueReport) -> Bool {
        ([report.total] + report.groups.map(\.counts)).contains { counts in allCases.contains { $0.isUnknown(in: counts) } }
    }
}

extension WaitAge {
    /// The table's column title and the legend's word.
    public var title: String {
        switch self {
        case .underOneHour: return "<1h"
        case .oneToFourHours: return "1-4h"
        case .fourToTwentyFourHours: return "4-24h"
        case .oneToSevenDays: return "1-7d"
        case .overSevenDays: return ">7d"
        }
    }
}

/// A wait as a person reads it: the two largest units, "45s", "12m", "1h 30m", "3d 4h".
public enum WaitDuration {
    public static func text(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        let days = s / 86_400, hours = s % 86_400 / 3_600, minutes = s % 3_600 / 60
        if days > 0 { return hours > 0 ? "\(days)d \(hours)h" : "\(days)d" }
        if hours > 0 { return minutes > 0 ? "\(hours)h \(minutes)m" : "\(hours)h" }
        if minutes > 0 { return "\(minutes)m" }
        return "\(s)s"
    }
}
