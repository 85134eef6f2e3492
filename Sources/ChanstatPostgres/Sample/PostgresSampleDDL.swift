/// What `sample --out postgres://…` creates: Chatwoot's six tables with the columns chanstat reads (the
/// types of Chatwoot 4.x's db/schema.rb), `assignee_id` because a stock index needs it, and the stock
/// indexes of those tables that these columns allow. Nothing of chanstat's own: the data must look like a
/// real Chatwoot's to the planner, so that benchmarks on it mean something. Names are qualified as in every
/// statement chanstat sends (the session's search_path is empty): the tables go into `public`, as Chatwoot's.
enum PostgresSampleDDL {
    static let tables = ["accounts", "inboxes", "conversations", "users", "account_users", "access_tokens"]

    static let create = [
        "CREATE TABLE public.accounts (id serial PRIMARY KEY, name varchar NOT NULL, status integer DEFAULT 0)",
        "CREATE TABLE public.inboxes (id serial PRIMARY KEY, account_id integer NOT NULL, name varchar NOT NULL, channel_type varchar)",
        """
        CREATE TABLE public.conversations (id serial PRIMARY KEY, account_id integer NOT NULL, inbox_id integer NOT NULL,
            status integer NOT NULL DEFAULT 0, assignee_id integer, created_at timestamp without time zone NOT NULL)
        """,
        "CREATE TABLE public.users (id serial PRIMARY KEY, name varchar NOT NULL, email varchar)",
        "CREATE TABLE public.account_users (id bigserial PRIMARY KEY, account_id bigint, user_id bigint, role integer DEFAULT 0)",
        "CREATE TABLE public.access_tokens (id bigserial PRIMARY KEY, owner_type varchar, owner_id bigint, token varchar)",
    ]

    /// Built after the rows are in (one sort per index instead of keeping them ordered through millions of rows).
    static let stockIndexes = [
        "CREATE INDEX index_inboxes_on_account_id ON public.inboxes (account_id)",
        "CREATE INDEX index_conversations_on_account_id ON public.conversations (account_id)",
        "CREATE INDEX conv_acid_inbid_stat_asgnid_idx ON public.conversations (account_id, inbox_id, status, assignee_id)",
        "CREATE INDEX index_conversations_on_id_and_account_id ON public.conversations (account_id, id)",
        "CREATE INDEX index_conversations_on_inbox_id ON public.conversations (inbox_id)",
        "CREATE INDEX index_conversations_on_status_and_account_id ON public.conversations (status, account_id)",
        "CREATE INDEX index_users_on_email ON public.users (email)",
        "CREATE UNIQUE INDEX uniq_user_id_per_account_id ON public.account_users (account_id, user_id)",
        "CREATE INDEX index_account_users_on_account_id ON public.account_users (account_id)",
        "CREATE INDEX index_account_users_on_user_id ON public.account_users (user_id)",
        "CREATE UNIQUE INDEX index_access_tokens_on_token ON public.access_tokens (token)",
        "CREATE INDEX index_access_tokens_on_owner_type_and_owner_id ON public.access_tokens (owner_type, owner_id)",
    ]

    /// Tables that only a real Chatwoot has: a database holding one is never overwritten, even with --force.
    static let realChatwootMarkers = ["schema_migrations", "messages", "contacts"]
}
