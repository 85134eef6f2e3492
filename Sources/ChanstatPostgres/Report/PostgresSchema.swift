import ChanstatCore
import PostgresNIO

/// The part of Chatwoot's schema chanstat reads (docs/postgres.md), checked once when a source or store
/// opens, so that a missing table, a missing column or a missing GRANT is one sentence naming it rather
/// than the first report's error.
struct PostgresSchema: Sendable {
    /// How `created_at` is compared. Chatwoot's is `timestamp without time zone` holding UTC wall-clock time,
    /// compared with bounds bound as that same type (`UTCTimestamp`): no zone enters, so the server's and the
    /// session's `TimeZone` cannot move the window. A `timestamptz` column (a customised schema) gets
    /// absolute `timestamptz` bounds.
    enum Timestamps: Sendable { case withoutTimeZone, withTimeZone }

    let timestamps: Timestamps
    /// `accounts.status` (0 active, 1 suspended) exists in Chatwoot 4.x; older schemas have no suspension.
    let hasAccountStatus: Bool
    /// The columns of every table any view reads (`ChatwootTables.allTables`) that exist in `public`, and the
    /// tables this role may read: the optional ones are checked against these when a view needs them.
    var columns: [String: Set<String>] = [:]
    var readable: Set<String> = []
    /// `public.conversations` has a whole-table btree index whose first keys are `account_id, inbox_id` (Chatwoot's
    /// `conv_acid_inbid_stat_asgnid_idx`): an account's inbox ids can then be found by one descent each, which
    /// without it would be a scan each (the queue's `queueRowsFromIndexes`).
    var hasAccountInboxIndex = false

    /// One catalog query: every column of the tables any view reads in schema `public` (where Chatwoot creates them; never
    /// a table of the same name in another schema, such as one named after chanstat's role), and whether this
    /// role may SELECT from each table. Qualified throughout, like every statement (`PostgresQueries`).
    static let catalogSQL = """
        SELECT c.relname::pg_catalog.text, a.attname::pg_catalog.text, pg_catalog.format_type(a.atttypid, a.atttypmod),
               pg_catalog.has_table_privilege(c.oid, 'SELECT')
          FROM pg_catalog.pg_class AS c
          JOIN pg_catalog.pg_namespace AS n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
          LEFT JOIN pg_catalog.pg_attribute AS a ON a.attrelid OPERATOR(pg_catalog.=) c.oid
                AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped
         WHERE n.nspname OPERATOR(pg_catalog.=) 'public'
           AND c.relkind OPERATOR(pg_catalog.=) ANY ('{r,p,v,m,f}'::pg_catalog."char"[])
           AND c.relname OPERATOR(pg_catalog.=) ANY ($1::pg_catalog.name[])
        """

    /// Whether `hasAccountInboxIndex`: a valid btree index on `public.conversations`, not partial, whose first two
    /// keys are the columns `account_id` and `inbox_id`.
    static let accountInboxIndexSQL = """
        SELECT EXISTS (
            SELECT 1 FROM pg_catalog.pg_index AS x
              JOIN pg_catalog.pg_class AS t ON t.oid OPERATOR(pg_catalog.=) x.indrelid
              JOIN pg_catalog.pg_namespace AS n ON n.oid OPERATOR(pg_catalog.=) t.relnamespace
              JOIN pg_catalog.pg_class AS ix ON ix.oid OPERATOR(pg_catalog.=) x.indexrelid
              JOIN pg_catalog.pg_am AS am ON am.oid OPERATOR(pg_catalog.=) ix.relam
             WHERE n.nspname OPERATOR(pg_catalog.=) 'public' AND t.relname OPERATOR(pg_catalog.=) 'conversations'
               AND am.amname OPERATOR(pg_catalog.=) 'btree' AND x.indisvalid AND x.indpred IS NULL
               AND x.indnkeyatts OPERATOR(pg_catalog.>=) 2
               AND (SELECT a.attname FROM pg_catalog.pg_attribute AS a WHERE a.attrelid OPERATOR(pg_catalog.=) t.oid
                       AND a.attnum OPERATOR(pg_catalog.=) x.indkey[0]) OPERATOR(pg_catalog.=) 'account_id'
               AND (SELECT a.attname FROM pg_catalog.pg_attribute AS a WHERE a.attrelid OPERATOR(pg_catalog.=) t.oid
                       AND a.attnum OPERATOR(pg_catalog.=) x.indkey[1]) OPERATOR(pg_catalog.=) 'inbox_id')
        """

    static func inspect(_ connection: PostgresConnection, logger: Logger, database: String,
                        required: [ChatwootTables.Requirement]) async throws -> PostgresSchema {
        var columns: [String: [String: String]] = [:]
        var readable: [String: Bool] = [:]
        for try await (table, column, type, canSelect) in try await connection.query(catalogQuery, logger: logger)
            .decode((String, String?, String?, Bool).self) {
            readable[table] = canSelect
            if let column { columns[table, default: [:]][column] = type ?? "" }
        }
        let shownDatabase = TerminalSafeText.sanitize(database, maxCharacters: 60)
        for (table, needed) in required {
            guard let present = columns[table] else {
                throw SourceError(.badData, "database \(shownDatabase) has no table public.\(table); "
                                  + "is it Chatwoot's database?")
            }
            for column in needed where present[column] == nil {
                throw SourceError(.badData, "database \(shownDatabase) has no column \(table).\(column); "
                                  + "is it Chatwoot's database, of version 4 or later?")
            }
            guard readable[table] == true else {
                throw SourceError(.refused, "this database user may not read table \(table); GRANT SELECT ON "
                                  + "\(table) to it (docs/postgres.md says which tables each command reads)")
            }
        }
        let timestamps: Timestamps
        switch columns["conversations"]?["created_at"] {
        case "timestamp without time zone"?: timestamps = .withoutTimeZone
        case "timestamp with time zone"?: timestamps = .withTimeZone
        case let other:
            throw SourceError(.badData, "conversations.created_at in database \(shownDatabase) is "
                              + "\(TerminalSafeText.sanitize(other ?? "missing", maxCharacters: 40)), not a timestamp")
        }
        var hasAccountInboxIndex = false
        for try await exists in try await connection.query(PostgresQuery(unsafeSQL: accountInboxIndexSQL), logger: logger)
            .decode(Bool.self) {
            hasAccountInboxIndex = exists
        }
        return PostgresSchema(timestamps: timestamps, hasAccountStatus: columns["accounts"]?["status"] != nil,
                              columns: columns.mapValues { Set($0.keys) },
                              readable: Set(readable.filter(\.value).keys), hasAccountInboxIndex: hasAccountInboxIndex)
    }

    static var catalogQuery: PostgresQuery {
        var bindings = PostgresBindings()
        bindings.append(ChatwootTables.allTables)
        return PostgresQuery(unsafeSQL: catalogSQL, binds: bindings)
    }

    /// Nil when the database has what `requirements` name and this role may read it, else the sentence that says
    /// what is lacking for `view` (such as "--by team" or "the queue"): every other view still works.
    func refusal(for requirements: [ChatwootTables.Requirement], view: String, database: String) -> SourceError? {
        let shownDatabase = TerminalSafeText.sanitize(database, maxCharacters: 60)
        if let lack = ChatwootTables.firstLack(of: requirements, in: columns) {
            let what = lack.column.map { "no column \(lack.table).\($0)" } ?? "no table public.\(lack.table)"
            return SourceError(.badData, "database \(shownDatabase) has \(what), which \(view) needs; is it Chatwoot's "
                               + "database, of version 4 or later?")
        }
        if let table = requirements.map(\.table).first(where: { !readable.contains($0) }) {
            return SourceError(.refused, "this database user may not read table \(table), which \(view) needs; GRANT "
                               + "SELECT ON \(table) to it (docs/postgres.md says which tables each view reads)")
        }
        return nil
    }
}
