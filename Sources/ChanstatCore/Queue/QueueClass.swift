/// Conversations that the queue counts alike (SPEC 11, docs/report.md "The queue now"): the same status, assigned
/// or not, answered once or not, and waiting for as long (by `WaitAge`) or not at all. A database source groups the
/// account's conversations by these and sends one row per class, so that the rules of what counts where are
/// here, once, and pure: the database only counts and finds the earliest `waiting_since`.
public struct QueueClass: Equatable, Sendable {
    /// `conversations.status`; only 0 (open), 2 (pending) and 3 (snoozed) are in the queue.
    public var status: Int64?
    public var isAssigned: Bool
    /// `first_reply_created_at` is set: an agent has answered at least once.
    public var hasFirstReply: Bool
    /// The bucket of `waiting_since` at the report's instant; nil when `waiting_since` is NULL.
    public var waitAge: WaitAge?
    /// How many conversations are in the class.
    public var count: Int64
    /// The earliest `waiting_since` among them (Unix seconds, UTC, fraction dropped); nil when none is set.
    public var earliestWaitingSince: Int64?

    public init(status: Int64?, isAssigned: Bool, hasFirstReply: Bool, waitAge: WaitAge?, count: Int64 = 1,
                earliestWaitingSince: Int64? = nil) {
        self.status = status
        self.isAssigned = isAssigned
        self.hasFirstReply = hasFirstReply
        self.waitAge = waitAge
        self.count = count
        self.earliestWaitingSince = earliestWaitingSince
    }

    /// One conversation's row, read at `now` (Unix seconds): the rule a database applies to each row.
    public init(status: Int64?, assigneeID: Int64?, waitingSince: Int64?, firstReplyAt: Int64?, at now: Int64) {
        self.init(status: status, isAssigned: assigneeID != nil, hasFirstReply: firstReplyAt != nil,
                  waitAge: waitingSince.map { WaitAge(waitingSince: $0, at: now) }, count: 1,
                  earliestWaitingSince: waitingSince)
    }

    var isOpen: Bool { status == 0 }
    /// Open and waiting: the customer wrote last. A `waiting_since` left on a conversation that is not open
    /// (Chatwoot clears it on resolve, but a snoozed one may keep it) is not a wait.
    var isWaiting: Bool { isOpen && waitAge != nil }
    /// Chatwoot's own `unattended` scope: open, and never answered or waiting again.
    var isUnattended: Bool { isOpen && (!hasFirstReply || waitAge != nil) }
}

extension WaitAge {
    /// The `waiting_since` values where the buckets change at `now`, youngest first: a `waiting_since` later than
    /// the first is under an hour old, later than the second under four hours, and so on; one at or before the
    /// last is over seven days. A database compares `waiting_since` with these (bound as parameters), so that the
    /// bucket is decided by the same instants as `init(waitingSince:at:)`.
    public static func edges(at now: Int64) -> [Int64] {
        [3_600, 14_400, 86_400, 604_800].map { now - $0 }
    }

    /// The bucket of a conversation waiting since `waitingSince` at `now` (both Unix seconds).
    public init(waitingSince: Int64, at now: Int64) {
        let index = Self.edges(at: now).firstIndex { waitingSince > $0 } ?? Self.allCases.count - 1
        self = Self.allCases[index]
    }

    /// The bucket a database's row names by its position in `edges(at:)` (0 under an hour … 4 over seven days).
    public init?(edgeIndex: Int64) {
        guard edgeIndex >= 0, edgeIndex < Int64(Self.allCases.count) else { return nil }
        self = Self.allCases[Int(edgeIndex)]
    }
}

extension QueueCounts {
    /// Adds a class of conversations by SPEC 11's rules, `now` the one reading of the clock. A status outside the
    /// queue (resolved, unknown) counts nowhere. False, and nothing changed, when a count would overflow.
    @discardableResult
    public mutating func add(_ conversations: QueueClass, at now: Int64) -> Bool {
        var next = self
        let n = conversations.count
        guard n >= 0 else { return false }
        func plus(_ value: Int64?, _ condition: Bool) -> Int64?? {
            guard condition else { return .some(value) }
            guard let value else { return .some(nil) }
            let (sum, overflow) = value.addingReportingOverflow(n)
            return overflow ? nil : .some(sum)
        }
        switch conversations.status {
        case 0?:
            guard let open = plus(next.open, true), let unattended = plus(next.unattended, conversations.isUnattended),
                  let unassigned = plus(next.unassigned, !conversations.isAssigned),
                  let waiting = plus(next.waiting, conversations.isWaiting) else { return false }
            next.open = open ?? 0
            next.unattended = unattended ?? 0
            next.unassigned = unassigned ?? 0
            next.waiting = waiting
            if conversations.isWaiting, let age = conversations.waitAge, next.waitAges != nil {
                guard let aged = plus(next.waitAges?[age] ?? 0, true) else { return false }
                next.waitAges?[age] = aged
                if let since = conversations.earliestWaitingSince {
                    // A `waiting_since` after now (a clock behind the database's) has waited nothing yet.
                    let waited = max(0, now - since)
                    next.oldestWaitSeconds = max(next.oldestWaitSeconds ?? 0, waited)
                }
            }
        case 2?:
            guard let pending = plus(next.pending, true) else { return false }
            next.pending = pending
        case 3?:
            guard let snoozed = plus(next.snoozed, true) else { return false }
            next.snoozed = snoozed
        default:
            return true
        }
        self = next
        return true
    }

    /// Whether the group is in the queue at all: something open, pending or snoozed.
    public var isEmpty: Bool { open == 0 && (pending ?? 0) == 0 && (snoozed ?? 0) == 0 }
}
