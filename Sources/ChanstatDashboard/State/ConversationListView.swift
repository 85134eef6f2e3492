import ChanstatCore

/// Enter on a group (an inbox, a team, an agent, a label, or a row of the queue): the conversations it counts, read
/// by the same cohort and filter as `report --list` (SPEC 12), so the list holds exactly the row's conversations.
/// Kept over the table it came from, whose selection stays as it was for Esc.
public struct ConversationListView: Equatable, Sendable {
    /// The most conversations one list reads; the title says "N of COUNT" when there are more.
    public static let limit = ListLimit(200)!

    public let filter: ConversationFilter
    /// The queue's cohort (open, pending, snoozed now), else the range's (created in the selected range).
    public let fromQueue: Bool
    /// What the list is of, as the title says it ("Inbox Support"): already made safe for a terminal.
    public let title: String
    /// The last list read; nil until the first answer.
    public internal(set) var list: ConversationList?
    /// When it was read (Unix seconds): the ages and waits on screen are counted to it.
    public internal(set) var readAt: Int64 = 0
    /// The selected conversation, by id (as a row key).
    public internal(set) var selected: String?
    public internal(set) var offset = 0
    /// Whether the list was read again since it opened (a refresh, a range key): the table under it is then older
    /// than the list, and Esc reads it again. Until then Esc shows the table as it was, at once.
    public internal(set) var outdatesTable = false

    public init(filter: ConversationFilter, fromQueue: Bool, title: String) {
        self.filter = filter
        self.fromQueue = fromQueue
        self.title = title
    }

    public var rows: [ListedConversation] { list?.conversations ?? [] }

    static func key(_ conversation: ListedConversation) -> String { String(conversation.id) }

    /// The selected conversation, if it is still in the list.
    public var selectedConversation: ListedConversation? {
        rows.first { Self.key($0) == selected }
    }
}
