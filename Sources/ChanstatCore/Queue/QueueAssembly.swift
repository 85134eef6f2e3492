/// What a database source reads for one group of the queue, before it is named: the raw columns of its
/// breakdown (docs/report.md "The queue now"). Which fields are set depends on the breakdown: a channel has
/// `text` (the channel type); an inbox `id`, `name` and `channelType`; a team `id` and `name` (the team row's,
/// nil when it is gone); an agent `id`, `name` and `displayName`; a label `text` (nil for the none group).
public struct QueueGroupColumns: Hashable, Sendable {
    public var id: Int64?
    public var text: String?
    public var name: String?
    public var displayName: String?
    public var channelType: String?

    public init(id: Int64? = nil, text: String? = nil, name: String? = nil, displayName: String? = nil,
                channelType: String? = nil) {
        self.id = id
        self.text = text
        self.name = name
        self.displayName = displayName
        self.channelType = channelType
    }

    /// The group's key and name as SPEC 10 and 11 give them (the none groups' names from `GroupName`).
    func named(by breakdown: Breakdown) -> (key: GroupKey, name: String, channelType: String?) {
        switch breakdown {
        case .channel, .day:
            let type = text ?? ""
            return (.text(type), ChannelLabel.label(for: type), nil)
        case .inbox:
            return (id.map(GroupKey.id) ?? .none, name ?? "", channelType ?? "")
        case .team, .agent:
            let (key, name) = GroupName.group(of: breakdown, id: id, name: name, displayName: displayName)
            return (key, name, nil)
        case .label:
            let (key, name) = GroupName.group(of: .label, id: nil, name: text, displayName: nil)
            return (key, name, nil)
        }
    }
}

extension QueueReport {
    /// The report from a source's rows: each a class of conversations of one group, or of the totals (`group`
    /// nil), which the source counts itself (by label one conversation is in several groups). Groups with
    /// nothing open, pending or snoozed are left out; the rest in SPEC 11's order. Nil when a count overflows.
    public static func assemble(breakdown: Breakdown, at now: Int64,
                                rows: [(group: QueueGroupColumns?, conversations: QueueClass)]) -> QueueReport? {
        var total = QueueCounts()
        var counts: [QueueGroupColumns: QueueCounts] = [:]
        for row in rows {
            if let group = row.group {
                guard counts[group, default: QueueCounts()].add(row.conversations, at: now) else { return nil }
            } else {
                guard total.add(row.conversations, at: now) else { return nil }
            }
        }
        let groups = counts.filter { !$0.value.isEmpty }.map { columns, counts in
            let (key, name, channelType) = columns.named(by: breakdown)
            return QueueGroup(key: key, name: name, channelType: channelType, counts: counts)
        }
        return QueueReport(at: now, breakdown: breakdown, groups: ordered(groups), total: total)
    }

    /// SPEC 11's order: `open` descending, then the name A-Z ignoring case, then the key (`GroupKey`'s order).
    public static func ordered(_ groups: [QueueGroup]) -> [QueueGroup] {
        groups.sorted { a, b in
            if a.counts.open != b.counts.open { return a.counts.open > b.counts.open }
            let (x, y) = (a.name.lowercased(), b.name.lowercased())
            if x != y { return x < y }
            return a.key < b.key
        }
    }
}
