/// The tables and columns of Chatwoot's schema that chanstat reads, whatever the database (a Chatwoot-shaped
/// SQLite file or Chatwoot's own PostgreSQL): each source checks them when it opens and names what is missing.
/// Every other table and column is ignored.
public enum ChatwootTables {
    public typealias Requirement = (table: String, columns: [String])

    /// What the report needs.
    public static let report: [Requirement] = [
        ("accounts", ["id", "name"]),
        ("inboxes", ["id", "channel_type"]),
        ("conversations", ["account_id", "inbox_id", "status", "created_at"]),
    ]

    /// What `serve` needs besides: who may read an account's reports.
    public static let access: [Requirement] = [
        ("users", ["id"]),
        ("account_users", ["account_id", "user_id", "role"]),
        ("access_tokens", ["owner_type", "owner_id", "token"]),
    ]
}

extension ChatwootTables {
    /// What a view needs besides `report`: SPEC 2's optional tables and columns. A source checks these when the
    /// view is asked for (before anything is fetched), never when it opens, so that a file or a role without them
    /// still gives every view that does not need them.
    public static func needed(for breakdown: Breakdown) -> [Requirement] {
        switch breakdown {
        case .channel, .inbox, .day: return []
        case .team: return [("conversations", ["team_id"]), ("teams", ["id", "name"])]
        case .agent: return [("conversations", ["assignee_id"]), ("users", ["id", "name", "display_name"])]
        case .label:
            return [("tags", ["id", "name"]), ("taggings", ["tag_id", "taggable_type", "taggable_id", "context"])]
        }
    }

    /// What the queue now needs (SPEC 11), besides its breakdown's.
    public static let queue: [Requirement] = [
        ("conversations", ["assignee_id", "waiting_since", "first_reply_created_at"]),
    ]

    /// What a list of conversations needs (SPEC 12): every column a listed conversation shows.
    public static let list: [Requirement] = [("conversations", ["display_id"])]
        + queue + needed(for: .team) + needed(for: .agent) + needed(for: .label)

    /// Every table any view reads: what a source inspects once, so that each view's check is a lookup.
    public static var allTables: [String] {
        var seen: Set<String> = []
        return (report + access + list).map(\.table).filter { seen.insert($0).inserted }
    }

    /// The first table or column of `requirements` that `present` (table → its columns, lowercased) lacks:
    /// `column` nil when the whole table is missing.
    public static func firstLack(of requirements: [Requirement],
                                 in present: [String: Set<String>]) -> (table: String, column: String?)? {
        for (table, columns) in requirements {
            guard let have = present[table] else { return (table, nil) }
            if let missing = columns.first(where: { !have.contains($0) }) { return (table, missing) }
        }
        return nil
    }
}
