-- The Chatwoot-shaped SQLite schema chanstat reads (README "Data sources"). Extra tables and columns are ignored.
CREATE TABLE accounts      (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE inboxes       (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL,
                            channel_type TEXT NOT NULL);
CREATE TABLE conversations (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, inbox_id INTEGER NOT NULL,
                            status INTEGER NOT NULL DEFAULT 0, created_at NOT NULL);
-- used by `serve` to decide who may read reports
CREATE TABLE users         (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
CREATE TABLE account_users (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
                            role INTEGER NOT NULL DEFAULT 0);          -- 0 agent, 1 administrator
CREATE TABLE access_tokens (id INTEGER PRIMARY KEY, owner_type TEXT NOT NULL, owner_id INTEGER NOT NULL,
                            token TEXT NOT NULL UNIQUE);              -- owner_type 'User' (or 'AgentBot')
-- recommended; files written by `chanstat sample` have it
CREATE INDEX index_conversations_on_account_inbox_status_created
    ON conversations (account_id, inbox_id, status, created_at);
