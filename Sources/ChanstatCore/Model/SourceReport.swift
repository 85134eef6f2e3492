/// One inbox's counts: conversations of the range created in it, by status now (docs/report.md).
public struct InboxCounts: Equatable, Sendable {
    public let id: Int64
    /// The inbox's name as the source holds it (untrusted text: `ReportRow` makes it safe).
    public let name: String
    public private(set) var counts: ChannelCounts

    public init(id: Int64, name: String, counts: ChannelCounts = ChannelCounts()) {
        self.id = id
        self.name = name
        self.counts = counts
    }

    /// False (and no change) on overflow.
    mutating func add(_ count: Int64, to status: ConversationStatus) -> Bool {
        counts.add(count, to: status)
    }
}

/// What a source answers for one range: the channel summary (exactly the API's payload), and the same counts
/// split by inbox where the source has them. The databases do (their query groups by inbox anyway); Chatwoot's
/// API does not, and `inboxes` is then nil.
public struct SourceReport: Equatable, Sendable {
    public private(set) var summary: ChannelSummary
    /// Per channel type, its inboxes with something counted, by inbox id.
    public private(set) var inboxes: [String: [Int64: InboxCounts]]?

    /// A report without inbox rows (Chatwoot's API).
    public init(summary: ChannelSummary) {
        self.summary = summary
        inboxes = nil
    }

    /// An empty report that inbox rows are added to (a database).
    public init() {
        summary = ChannelSummary()
        inboxes = [:]
    }

    /// Adds one (inbox, status, count) row of a database query. Unknown statuses and zero counts are
    /// ignored, as in the summary; false on overflow.
    public mutating func add(channelType: String, inboxID: Int64, inboxName: String, statusCode: Int64?,
                             count: Int64) -> Bool {
        guard let status = ConversationStatus(code: statusCode), count != 0 else { return count >= 0 }
        var inbox = inboxes?[channelType]?[inboxID] ?? InboxCounts(id: inboxID, name: inboxName)
        guard inbox.add(count, to: status), summary.add(channelType: channelType, statusCode: statusCode, count: count) else {
            return false
        }
        inboxes?[channelType, default: [:]][inboxID] = inbox
        return true
    }
}
