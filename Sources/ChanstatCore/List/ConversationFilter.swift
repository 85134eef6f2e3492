/// Which conversations a list holds (SPEC 12, docs/report.md "Lists"): the filters narrow the counts' own cohort
/// (the range's or the queue's), so a list with the filters of a cell holds exactly the conversations the cell
/// counts. Every filter left nil (or empty) keeps everything.
public struct ConversationFilter: Equatable, Sendable {
    /// One group of a breakdown (a team, an agent, a label), or its none group (no team, unassigned, no label).
    public enum Group<Value: Hashable & Sendable>: Hashable, Sendable {
        case named(Value)
        case none
    }

    /// SPEC 11's states of an open conversation, which only the queue has.
    public enum QueueState: String, CaseIterable, Hashable, Sendable {
        /// Open, and never answered or waiting again (`first_reply_created_at` NULL or `waiting_since` set).
        case unattended
        /// Open with no assignee.
        case unassigned
        /// Open with `waiting_since` set.
        case waiting
    }

    /// `inboxes.channel_type` as the payload names it ("" for a NULL type).
    public var channelType: String?
    public var inboxID: Int64?
    public var team: Group<Int64>?
    public var agent: Group<Int64>?
    /// `tags.name`.
    public var label: Group<String>?
    public var status: ConversationStatus?
    /// All of them must hold (with the queue only).
    public var queueStates: Set<QueueState>

    public init(channelType: String? = nil, inboxID: Int64? = nil, team: Group<Int64>? = nil,
                agent: Group<Int64>? = nil, label: Group<String>? = nil, status: ConversationStatus? = nil,
                queueStates: Set<QueueState> = []) {
        self.channelType = channelType
        self.inboxID = inboxID
        self.team = team
        self.agent = agent
        self.label = label
        self.status = status
        self.queueStates = queueStates
    }

    /// The filter of one group of a breakdown, given by its key (a row of the table, the dashboard's selection):
    /// nil for a key that cannot be a group of that breakdown, and for `day`, which is no filter.
    public static func group(_ key: GroupKey, of breakdown: Breakdown) -> ConversationFilter? {
        var filter = ConversationFilter()
        switch (breakdown, key) {
        case (.channel, .text(let type)): filter.channelType = type
        case (.inbox, .id(let id)): filter.inboxID = id
        case (.team, .id(let id)): filter.team = .named(id)
        case (.team, .none): filter.team = Group.none
        case (.agent, .id(let id)): filter.agent = .named(id)
        case (.agent, .none): filter.agent = Group.none
        case (.label, .text(let name)): filter.label = .named(name)
        case (.label, .none): filter.label = Group.none
        default: return nil
        }
        return filter
    }
}

/// Whose conversations a list narrows: those created in a range (SPEC 1's cohort), or the queue now (SPEC 11's:
/// open, pending and snoozed, created at any time).
public enum ListCohort: Equatable, Sendable {
    case created(DateRange)
    case queue
}

extension ConversationFilter {
    /// Why this filter cannot narrow a range's cohort (or the queue's, with `queue`), as the one line a usage
    /// error prints; nil when it can.
    public func problem(queue: Bool) -> String? {
        switch queue {
        case false:
            guard queueStates.isEmpty else { return "--unattended, --unassigned and --waiting go with --now" }
        case true:
            if status == .resolved {
                return "--status resolved with --now lists nothing: the queue is open, pending and snoozed"
            }
            if !queueStates.isEmpty, let status, status != .open {
                return "--unattended, --unassigned and --waiting are states of open conversations, not of \(status.key) ones"
            }
        }
        return nil
    }
}
