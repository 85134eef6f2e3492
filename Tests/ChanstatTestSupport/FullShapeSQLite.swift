/// A Chatwoot-shaped SQLite file of SPEC 2's whole shape, its optional tables and columns included (the breakdowns'
/// the queue's and the lists'), without rows or indexes: the fixtures that need them all start from it.
public enum FullShapeSQLite {
    public static let ddl = """
        CREATE TABLE accounts      (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE inboxes       (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL,
                                    channel_type TEXT NOT NULL);
        CREATE TABLE conversations (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, inbox_id INTEGER NOT NULL,
                                    status INTEGER NOT NULL DEFAULT 0, created_at NOT NULL, display_id INTEGER,
                                    assignee_id INTEGER, team_id INTEGER, waiting_since, first_reply_created_at);
        CREATE TABLE users         (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, display_name TEXT);
        CREATE TABLE account_users (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
                                    role INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE access_tokens (id INTEGER PRIMARY KEY, owner_type TEXT NOT NULL, owner_id INTEGER NOT NULL,
                                    token TEXT NOT NULL UNIQUE);
        CREATE TABLE teams    (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL);
        CREATE TABLE tags     (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE taggings (id INTEGER PRIMARY KEY, tag_id INTEGER, taggable_type TEXT, taggable_id INTEGER,
                               context TEXT);
        """
}
