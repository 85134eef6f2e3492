/// One conversation of a list (SPEC 12), exactly the fields a list shows: never a contact's name, e-mail, phone
/// number or message text, because lists are shown on shared screens. Names are the source's text (untrusted:
/// made safe wherever shown) or a `GroupName`.
public struct ListedConversation: Equatable, Sendable {
    public let id: Int64
    /// The number in Chatwoot's addresses; nil where a file has none.
    public let displayID: Int64?
    public let inboxID: Int64
    public let inbox: String
    /// "" for a NULL type, as in the payload.
    public let channelType: String
    public let status: ConversationStatus
    public let assigneeID: Int64?
    /// nil when unassigned; a user row that is gone is named as SPEC 10 names it.
    public let assignee: String?
    public let teamID: Int64?
    public let team: String?
    /// The labels' names, sorted.
    public let labels: [String]
    /// Whole Unix seconds (a fraction dropped).
    public let createdAt: Int64
    /// Whole Unix seconds; nil when the customer is not waiting for a reply.
    public let waitingSince: Int64?

    public init(id: Int64, displayID: Int64?, inboxID: Int64, inbox: String, channelType: String,
                status: ConversationStatus, assigneeID: Int64?, assignee: String?, teamID: Int64?, team: String?,
                labels: [String], createdAt: Int64, waitingSince: Int64?) {
        self.id = id
        self.displayID = displayID
        self.inboxID = inboxID
        self.inbox = inbox
        self.channelType = channelType
        self.status = status
        self.assigneeID = assigneeID
        self.assignee = assignee
        self.teamID = teamID
        self.team = team
        self.labels = labels.sorted()
        self.createdAt = createdAt
        self.waitingSince = waitingSince
    }

    /// A row as both databases read it: the user's and team's columns as they are (nil when the row is gone),
    /// named here by SPEC 10's rules, so the two sources cannot name them differently.
    public init(id: Int64, displayID: Int64?, inboxID: Int64, inbox: String?, channelType: String?,
                status: ConversationStatus, assigneeID: Int64?, userDisplayName: String?, userName: String?,
                teamID: Int64?, teamName: String?, labels: [String?], createdAt: Int64, waitingSince: Int64?) {
        self.init(id: id, displayID: displayID, inboxID: inboxID, inbox: inbox ?? "", channelType: channelType ?? "",
                  status: status, assigneeID: assigneeID,
                  assignee: assigneeID.map { GroupName.agent(id: $0, displayName: userDisplayName, name: userName) },
                  teamID: teamID, team: teamID.map { GroupName.team(id: $0, name: teamName) },
                  labels: labels.compactMap { $0 }, createdAt: createdAt, waitingSince: waitingSince)
    }

    /// Waiting now (SPEC 11): open, with `waiting_since` set. Only these are listed by how long they have waited.
    public var isWaiting: Bool { status == .open && waitingSince != nil }
}

/// A list: at most the limit's conversations, in the documented order (docs/report.md "Lists": the waiting ones
/// first, the longest waiting first; then the others; ties and the others by `created_at`, then `id`), and how
/// many the filters select in all.
public struct ConversationList: Equatable, Sendable {
    /// The account the conversations belong to (part of their addresses).
    public let account: Int64
    public let count: Int64
    public let conversations: [ListedConversation]

    public init(account: Int64, count: Int64, conversations: [ListedConversation]) {
        self.account = account
        self.count = count
        self.conversations = conversations
    }

    /// A conversation's address in Chatwoot: nil when the web address is not known or it has no display id.
    public func url(of conversation: ListedConversation, web: WebAddress?) -> String? {
        guard let web, let displayID = conversation.displayID else { return nil }
        return web.conversation(account: account, displayID: displayID)
    }

    /// What a source that reads no database (Chatwoot's API) answers when asked for a list.
    public static let needsDatabase = SourceError(
        .refused, "lists of conversations need a database source: --db FILE or --db postgres://… (Chatwoot's API "
            + "has no such list that matches the counts)")
}
