/// The tables and columns of SPEC section 2 that chanstat reads. Extra tables and columns are ignored.
public enum ChatwootSchema {
    /// What the report needs; `serve` needs the access tables too.
    static let reportColumns: [(table: String, columns: [String])] = [
        ("accounts", ["id", "name"]),
        ("inboxes", ["id", "channel_type"]),
        ("conversations", ["account_id", "inbox_id", "status", "created_at"]),
    ]

    static let accessColumns: [(table: String, columns: [String])] = [
        ("users", ["id"]),
        ("account_users", ["account_id", "user_id", "role"]),
        ("access_tokens", ["owner_type", "owner_id", "token"]),
    ]

    /// The DDL of SPEC section 2, with the recommended index. `sample` writes it; sample-data/schema.sql is a copy.
    public static let ddl = """
        CREATE TABLE accounts      (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE inboxes       (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL,
                                    channel_type TEXT NOT NULL);
        CREATE TABLE conversations (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, inbox_id INTEGER NOT NULL,
                                    status INTEGER NOT NULL DEFAULT 0, created_at NOT NULL);
        CREATE TABLE users         (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
        CREATE TABLE account_users (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
                                    role INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE access_tokens (id INTEGER PRIMARY KEY, owner_type TEXT NOT NULL, owner_id INTEGER NOT NULL,
                                    token TEXT NOT NULL UNIQUE);
        """

    public static let recommendedIndex = """
        CREATE INDEX index_conversations_on_account_inbox_status_created
            ON conversations (account_id, inbox_id, status, created_at);
        """
}
