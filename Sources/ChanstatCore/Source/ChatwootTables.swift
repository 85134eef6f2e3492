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
