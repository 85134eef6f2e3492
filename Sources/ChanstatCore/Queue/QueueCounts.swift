/// How long a waiting customer has waited, in the steps SPEC 11 names (docs/report.md "The queue now"). Each
/// bucket holds its lower edge and not its upper one: exactly one hour old is `oneToFourHours`.
public enum WaitAge: String, CaseIterable, Hashable, Sendable {
    case underOneHour = "under_1h"
    case oneToFourHours = "1h_to_4h"
    case fourToTwentyFourHours = "4h_to_24h"
    case oneToSevenDays = "1d_to_7d"
    case overSevenDays = "over_7d"

    /// The bucket of a wait of `seconds` (from `waiting_since` to the one reading of the clock). A
    /// `waiting_since` after now (a clock behind the database's) has waited nothing yet: under an hour.
    public init(waitedSeconds seconds: Int64) {
        switch seconds {
        case ..<3_600: self = .underOneHour
        case ..<14_400: self = .oneToFourHours
        case ..<86_400: self = .fourToTwentyFourHours
        case ..<604_800: self = .oneToSevenDays
        default: self = .overSevenDays
        }
    }
}

/// The queue of one group (or of the whole account) now, as SPEC 11 defines each number. Nil where the source
/// cannot know it (Chatwoot's API gives no snoozed, waiting or wait ages): shown as unknown, never as 0.
public struct QueueCounts: Equatable, Sendable {
    /// Status 0.
    public var open: Int64
    /// Open, and never answered or waiting again: Chatwoot's own "unattended".
    public var unattended: Int64
    /// Open with no assignee.
    public var unassigned: Int64
    /// Status 2.
    public var pending: Int64?
    /// Status 3.
    public var snoozed: Int64?
    /// Open with `waiting_since` set: the customer wrote last and has no reply.
    public var waiting: Int64?
    /// Whole seconds from the earliest `waiting_since` of the waiting ones to now; nil when nobody waits or
    /// when it is not known (`waiting` nil).
    public var oldestWaitSeconds: Int64?
    /// The waiting ones by how long they have waited; nil when not known.
    public var waitAges: [WaitAge: Int64]?

    public init(open: Int64 = 0, unattended: Int64 = 0, unassigned: Int64 = 0, pending: Int64? = 0,
                snoozed: Int64? = 0, waiting: Int64? = 0, oldestWaitSeconds: Int64? = nil,
                waitAges: [WaitAge: Int64]? = [:]) {
        self.open = open
        self.unattended = unattended
        self.unassigned = unassigned
        self.pending = pending
        self.snoozed = snoozed
        self.waiting = waiting
        self.oldestWaitSeconds = oldestWaitSeconds
        self.waitAges = waitAges
    }
}
