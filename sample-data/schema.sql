-- The Chatwoot-shaped SQLite schema chanstat reads (README "Data sources"). Extra tables and columns are ignored.
CREATE TABLE accounts      (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE inboxes       (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL,
                            channel_type TEXT NOT NULL);
-- created_at, waiting_since and first_reply_created_at: Unix seconds, or UTC text 'YYYY-MM-DD HH:MM:SS[.ffffff]'
CREATE TABLE conversations (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, inbox_id INTEGER NOT NULL,
                            status INTEGER NOT NULL DEFAULT 0, created_at NOT NULL,
                            -- optional: the breakdowns by team and agent, the queue and the lists need them
                            display_id INTEGER, assignee_id INTEGER, team_id INTEGER,
                            waiting_since, first_reply_created_at);
-- used by `serve` to decide who may read reports, and (with display_name, optional) to name agents
CREATE TABLE users         (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, display_name TEXT);
CREATE TABLE account_users (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
                            role INTEGER NOT NULL DEFAULT 0);          -- 0 agent, 1 administrator
CREATE TABLE access_tokens (id INTEGER PRIMARY KEY, owner_type TEXT NOT NULL, owner_id INTEGER NOT NULL,
                            token TEXT NOT NULL UNIQUE);              -- owner_type 'User' (or 'AgentBot')
-- optional: the breakdowns by team and by label
CREATE TABLE teams         (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE tags          (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE taggings      (id INTEGER PRIMARY KEY, tag_id INTEGER, taggable_type TEXT, taggable_id INTEGER,
                            context TEXT);   -- a conversation's label: taggable_type 'Conversation', context 'labels'
-- recommended; files written by `chanstat sample` have them
CREATE INDEX index_conversations_on_account_inbox_status_created
    ON conversations (account_id, inbox_id, status, created_at);
CREATE INDEX index_taggings_on_taggable_id_and_taggable_type_and_context
    ON taggings (taggable_id, taggable_type, context);
