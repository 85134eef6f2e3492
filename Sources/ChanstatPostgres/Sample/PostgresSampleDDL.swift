/// What `sample --out postgres://…` creates: Chatwoot's tables with the columns chanstat reads (the types of
/// Chatwoot 4.x's db/schema.rb), a few more that stock indexes need (`assignee_id` once did; taggings' tagger
/// columns, always NULL here), and the stock indexes of those tables that these columns allow. Nothing of
/// chanstat's own: the data must look like a real Chatwoot's to the planner, so that benchmarks on it mean
/// something. Names are qualified as in every statement chanstat sends (the session's search_path is empty):
/// the tables go into `public`, as Chatwoot's.
enum PostgresSampleDDL {
    static let tables = ["accounts", "inboxes", "conversations", "users", "account_users", "access_tokens",
                         "teams", "tags", "taggings"]

    /// `waiting_since` is `timestamp(6)`: Rails 7 gave new datetime columns microseconds, where the older
    /// ones (`created_at`, `first_reply_created_at`) are `precision: nil`, plain `timestamp`.
    static let create = [
        "CREATE TABLE public.accounts (id serial PRIMARY KEY, name varchar NOT NULL, status integer DEFAULT 0)",
        "CREATE TABLE public.inboxes (id serial PRIMARY KEY, account_id integer NOT NULL, name varchar NOT NULL, channel_type varchar)",
        """
        CREATE TABLE public.conversations (id serial PRIMARY KEY, account_id integer NOT NULL, inbox_id integer NOT NULL,
            status integer NOT NULL DEFAULT 0, assignee_id integer, created_at timestamp without time zone NOT NULL,
            display_id integer NOT NULL, team_id bigint, first_reply_created_at timestamp without time zone,
            waiting_since timestamp(6) without time zone)
        """,
        "CREATE TABLE public.users (id serial PRIMARY KEY, name varchar NOT NULL, display_name varchar, email varchar)",
        "CREATE TABLE public.account_users (id bigserial PRIMARY KEY, account_id bigint, user_id bigint, role integer DEFAULT 0)",
        "CREATE TABLE public.access_tokens (id bigserial PRIMARY KEY, owner_type varchar, owner_id bigint, token varchar)",
        "CREATE TABLE public.teams (id bigserial PRIMARY KEY, name varchar NOT NULL, account_id bigint NOT NULL)",
        "CREATE TABLE public.tags (id serial PRIMARY KEY, name varchar)",
        """
        CREATE TABLE public.taggings (id serial PRIMARY KEY, tag_id integer, taggable_type varchar, taggable_id integer,
            tagger_type varchar, tagger_id integer, context varchar(128))
        """,
    ]

    /// Built after the rows are in (one sort per index instead of keeping them ordered through millions of rows).
    /// Left out: `tags_name_trgm_idx`, which needs the pg_trgm extension (a database-wide object, not a table).
    static let stockIndexes = [
        "CREATE INDEX index_inboxes_on_account_id ON public.inboxes (account_id)",
        "CREATE INDEX index_conversations_on_account_id ON public.conversations (account_id)",
        "CREATE UNIQUE INDEX index_conversations_on_account_id_and_display_id ON public.conversations (account_id, display_id)",
        "CREATE INDEX conv_acid_inbid_stat_asgnid_idx ON public.conversations (account_id, inbox_id, status, assignee_id)",
        "CREATE INDEX index_conversations_on_assignee_id_and_account_id ON public.conversations (assignee_id, account_id)",
        "CREATE INDEX index_conversations_on_first_reply_created_at ON public.conversations (first_reply_created_at)",
        "CREATE INDEX index_conversations_on_id_and_account_id ON public.conversations (account_id, id)",
        "CREATE INDEX index_conversations_on_inbox_id ON public.conversations (inbox_id)",
        "CREATE INDEX index_conversations_on_status_and_account_id ON public.conversations (status, account_id)",
        "CREATE INDEX index_conversations_on_team_id ON public.conversations (team_id)",
        "CREATE INDEX index_conversations_on_waiting_since ON public.conversations (waiting_since)",
        "CREATE INDEX index_users_on_email ON public.users (email)",
        "CREATE UNIQUE INDEX uniq_user_id_per_account_id ON public.account_users (account_id, user_id)",
        "CREATE INDEX index_account_users_on_account_id ON public.account_users (account_id)",
        "CREATE INDEX index_account_users_on_user_id ON public.account_users (user_id)",
        "CREATE UNIQUE INDEX index_access_tokens_on_token ON public.access_tokens (token)",
        "CREATE INDEX index_access_tokens_on_owner_type_and_owner_id ON public.access_tokens (owner_type, owner_id)",
        "CREATE INDEX index_teams_on_account_id ON public.teams (account_id)",
        "CREATE UNIQUE INDEX index_teams_on_name_and_account_id ON public.teams (name, account_id)",
        "CREATE UNIQUE INDEX index_tags_on_name ON public.tags (name)",
        "CREATE INDEX index_taggings_on_context ON public.taggings (context)",
        """
        CREATE UNIQUE INDEX taggings_idx ON public.taggings
            (tag_id, taggable_id, taggable_type, context, tagger_id, tagger_type)
        """,
        "CREATE INDEX index_taggings_on_tag_id ON public.taggings (tag_id)",
        """
        CREATE INDEX index_taggings_on_taggable_id_and_taggable_type_and_context ON public.taggings
            (taggable_id, taggable_type, context)
        """,
        "CREATE INDEX taggings_idy ON public.taggings (taggable_id, taggable_type, tagger_id, context)",
        "CREATE INDEX index_taggings_on_taggable_id ON public.taggings (taggable_id)",
        "CREATE INDEX index_taggings_on_taggable_type ON public.taggings (taggable_type)",
        "CREATE INDEX index_taggings_on_tagger_id_and_tagger_type ON public.taggings (tagger_id, tagger_type)",
        "CREATE INDEX index_taggings_on_tagger_id ON public.taggings (tagger_id)",
    ]

    /// Tables that only a real Chatwoot has: a database holding one is never overwritten, even with --force.
    static let realChatwootMarkers = ["schema_migrations", "messages", "contacts"]
}
