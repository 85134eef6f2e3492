/// One generated conversation: a `conversations` row and its taggings.
public struct SampleConversation: Sendable, Equatable {
    /// Ids follow creation time, as in a real install.
    public let id: Int64
    public let accountID: Int64
    /// The number in Chatwoot's addresses: 1, 2, 3… per account, in creation order.
    public let displayID: Int64
    public let inboxID: Int64
    public let status: ConversationStatus
    /// Unix seconds, as are the other instants.
    public let createdAt: Int64
    public let teamID: Int64?
    public let assigneeID: Int64?
    /// Nil while no agent has replied.
    public let firstReplyAt: Int64?
    /// Since when the customer has waited for a reply (Chatwoot's `waiting_since`); nil when nobody waits.
    public let waitingSince: Int64?
    public let labels: SampleLabels
    /// A tagging of the same id that is not a conversation label (a contact's label, a plain tag), or nil.
    public let otherTagging: SampleTagging?

    /// Its `taggings` rows, labels first: the one place both writers take them from, so that their ids agree.
    public func forEachTagging(_ body: (SampleTagging) throws -> Void) rethrows {
        try labels.forEach { tagID in
            try body(SampleTagging(tagID: tagID, taggableType: "Conversation", taggableID: id, context: "labels"))
        }
        if let otherTagging { try body(otherTagging) }
    }
}

/// A `taggings` row.
public struct SampleTagging: Sendable, Equatable {
    public let tagID: Int64
    public let taggableType: String
    public let taggableID: Int64
    public let context: String
}

/// A conversation's labels: up to three distinct tag ids, held in place (`SamplePlan` makes millions of
/// conversations, and an array each would be an allocation each).
public struct SampleLabels: Sendable, Equatable {
    public static let most = 3
    public private(set) var count = 0
    private var first: Int64 = 0, second: Int64 = 0, third: Int64 = 0

    public init() {}

    public func forEach(_ body: (Int64) throws -> Void) rethrows {
        if count > 0 { try body(first) }
        if count > 1 { try body(second) }
        if count > 2 { try body(third) }
    }

    public func contains(_ tagID: Int64) -> Bool {
        (count > 0 && first == tagID) || (count > 1 && second == tagID) || (count > 2 && third == tagID)
    }

    /// Adds `tagID` unless it is there already or three are held.
    mutating func insert(_ tagID: Int64) {
        guard !contains(tagID) else { return }
        switch count {
        case 0: first = tagID
        case 1: second = tagID
        case 2: third = tagID
        default: return
        }
        count += 1
    }
}
