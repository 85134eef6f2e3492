/// The shape of a Chatwoot-shaped SQLite file (README "Data sources"; what is read is `ChatwootTables`).
public enum ChatwootSchema {
    /// The DDL of a Chatwoot-shaped file, SPEC 2's optional tables and columns included. `sample` writes it;
    /// sample-data/schema.sql is a copy.
    public static let ddl = """
        CREATE TABLE accounts      (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE inboxes       (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL,
                                    channel_type TEXT NOT NULL);
        CREATE TABLE conversations (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, inbox_id INTEGER NOT NULL,
                                    status INTEGER NOT NULL DEFAULT 0, created_at NOT NULL,
                                    display_id INTEGER, assignee_id INTEGER, team_id INTEGER,
                                    waiting_since, first_reply_created_at);
        CREATE TABLE users         (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, display_name TEXT);
        CREATE TABLE account_users (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
                                    role INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE access_tokens (id INTEGER PRIMARY KEY, owner_type TEXT NOT NULL, owner_id INTEGER NOT NULL,
                                    token TEXT NOT NULL UNIQUE);
        CREATE TABLE teams         (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL);
        CREATE TABLE tags          (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE taggings      (id INTEGER PRIMARY KEY, tag_id INTEGER, taggable_type TEXT, taggable_id INTEGER,
                                    context TEXT);
        """

    /// The index the report needs most (the one `FileLayout` looks for); `sample` builds it after the rows.
    public static let recommendedIndex = """
        CREATE INDEX index_conversations_on_account_inbox_status_created
            ON conversations (account_id, inbox_id, status, created_at);
        """

    /// Chatwoot's own index on a conversation's taggings, without which every label lookup reads the whole
    /// taggings table; `sample` builds it after the rows too.
    public static let labelIndex = """
        CREATE INDEX index_taggings_on_taggable_id_and_taggable_type_and_context
            ON taggings (taggable_id, taggable_type, context);
        """
}
