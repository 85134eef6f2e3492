/// What `chanstat check --metric` watches: one number of the queue now (SPEC 11), for the account or one
/// channel type.
public enum CheckMetric: String, CaseIterable, Sendable {
    case open, unattended, unassigned, pending, snoozed, waiting
    case oldestWait = "oldest-wait"

    /// The perfdata label: the metric's name with `_`, as graphing add-ons take labels for names.
    public var perfdataLabel: String { column.key }

    /// The perfdata unit: seconds for the oldest wait, none for a count of conversations.
    public var unit: String { self == .oldestWait ? "s" : "" }

    /// The queue's number this is (its names and values are said once, there).
    public var column: QueueColumn {
        switch self {
        case .open: return .open
        case .unattended: return .unattended
        case .unassigned: return .unassigned
        case .pending: return .pending
        case .snoozed: return .snoozed
        case .waiting: return .waiting
        case .oldestWait: return .oldestWait
        }
    }

    /// The value in `counts`; nil where the source cannot know it (Chatwoot's API gives no snoozed, waiting or
    /// wait ages), which `check` reports as UNKNOWN rather than as 0. The oldest wait is 0 when nobody waits.
    public func value(in counts: QueueCounts) -> Int64? {
        if self == .oldestWait, counts.waiting != nil { return counts.oldestWaitSeconds ?? 0 }
        return column.value(of: counts)
    }

    /// The words of the status line: "3 unattended conversations", "oldest wait 5400 seconds".
    public func phrase(_ value: Int64) -> String {
        switch self {
        case .oldestWait: return "oldest wait \(value) second\(value == 1 ? "" : "s")"
        default: return "\(value) \(rawValue) conversation\(value == 1 ? "" : "s")"
        }
    }
}
