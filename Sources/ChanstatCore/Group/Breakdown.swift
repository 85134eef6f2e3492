/// What the rows of a report are (docs/report.md "Group by"): one value that every part passes along (the CLI's
/// `--by`, the dashboard's `g`, the request to a source, the renderers), instead of a code path per grouping.
public enum Breakdown: String, CaseIterable, Hashable, Sendable {
    /// By `inboxes.channel_type`, the default: Chatwoot's channel summary.
    case channel
    /// By inbox, within its channel.
    case inbox
    /// By `conversations.team_id`.
    case team
    /// By `conversations.assignee_id`.
    case agent
    /// By the conversation's labels: a conversation with two counts under both, so rows overlap.
    case label
    /// By the day it was created, in the report's time zone.
    case day

    /// What `g` steps through in the dashboard, in this order, back to the start after the last.
    public static let cycle: [Breakdown] = [.channel, .team, .agent, .label]

    /// The next breakdown `g` chooses; one outside the cycle goes back to its start.
    public var next: Breakdown {
        guard let index = Self.cycle.firstIndex(of: self) else { return Self.cycle[0] }
        return Self.cycle[(index + 1) % Self.cycle.count]
    }

    /// The title of the column that names the rows, and the word for a row.
    public var title: String {
        switch self {
        case .channel: return "Channel"
        case .inbox: return "Inbox"
        case .team: return "Team"
        case .agent: return "Agent"
        case .label: return "Label"
        case .day: return "Day"
        }
    }

    /// True where one conversation can be in several rows, so the rows do not add up to the totals (which a
    /// source counts itself, each conversation once) and a table says so.
    public var rowsOverlap: Bool { self == .label }

    /// What a table of these rows says under it when they overlap (the range's, the queue's, the dashboard's).
    public var overlapNote: String? {
        rowsOverlap ? "Label rows overlap: a conversation with two labels counts under both; the totals row counts "
            + "it once." : nil
    }
}

/// What identifies a group across refreshes, sorts and formats: an id (inbox, team, user), a text (a channel
/// type, a label's name), or the none group (no team, unassigned, no label). JSON writes them as an integer, a
/// string and null; CSV as the number, the text and an empty field.
public enum GroupKey: Hashable, Sendable {
    case id(Int64)
    case text(String)
    case none
}

/// The names of groups that are not a name in the database (SPEC 10): the none groups and rows that are gone.
/// Each is said here once, for every breakdown, the queue and the lists.
public enum GroupName {
    public static let noTeam = "No team"
    public static let unassigned = "Unassigned"
    public static let noLabel = "No label"

    /// A conversation's team: `name` is `teams.name`, nil when no such row exists any more.
    public static func team(id: Int64?, name: String?) -> String {
        guard let id else { return noTeam }
        return name ?? "Team #\(id) (deleted)"
    }

    /// A conversation's assignee, named as Chatwoot names a user: its display name when not empty, else its
    /// name; both nil when no such user exists any more.
    public static func agent(id: Int64?, displayName: String?, name: String?) -> String {
        guard let id else { return unassigned }
        if let displayName, !displayName.isEmpty { return displayName }
        return name ?? "Agent #\(id) (deleted)"
    }

    /// A label: `tags.name`; nil for the group of conversations without one.
    public static func label(_ name: String?) -> String {
        name ?? noLabel
    }
}

extension GroupName {
    /// The key and name of a team's, an agent's or a label's group from a database row (the range's groups and the
    /// queue's alike): by team and agent, `id` is the conversation's `team_id` or `assignee_id` and `name` (and
    /// `displayName`) the row it names, nil when that row is gone; by label, `name` is the label's, nil for the
    /// conversations without one.
    public static func group(of breakdown: Breakdown, id: Int64?, name: String?,
                             displayName: String?) -> (key: GroupKey, name: String) {
        switch breakdown {
        case .team: return (id.map(GroupKey.id) ?? .none, team(id: id, name: name))
        case .agent: return (id.map(GroupKey.id) ?? .none, agent(id: id, displayName: displayName, name: name))
        default: return (name.map(GroupKey.text) ?? .none, label(name))
        }
    }
}
