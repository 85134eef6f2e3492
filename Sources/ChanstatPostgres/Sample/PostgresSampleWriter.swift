import ChanstatCore
import Logging
import NIOCore
import PostgresNIO

/// `sample --out postgres://…`: the same rows as the SQLite writer (one `SamplePlan`), in Chatwoot's tables,
/// written with COPY in one transaction: an interrupted run leaves the database as it was (PostgreSQL's DDL
/// is transactional), and a finished one is analysed so the planner knows the data at once.
public enum PostgresSampleWriter {
    public typealias Progress = @Sendable (_ written: Int, _ total: Int) -> Void

    public static func write(_ options: SampleOptions, to session: PostgresSession, replace: Bool,
                             progress: Progress? = nil) async throws -> [SampleCredential] {
        let database = session.target.database, user = session.target.user
        return try await session.run { connection, logger in
            try await refuseExisting(connection, logger: logger, database: database, replace: replace)
            let credentials = try await mayCreate(user: user, database: database) {
                try await connection.withTransaction(logger: logger) { connection in
                    for table in PostgresSampleDDL.tables where replace {
                        try await connection.execute("DROP TABLE IF EXISTS public.\(table)", logger: logger)
                    }
                    for statement in PostgresSampleDDL.create {
                        try await connection.execute(statement, logger: logger)
                    }
                    let credentials = try await copyRows(options, connection: connection, logger: logger, progress: progress)
                    for statement in PostgresSampleDDL.stockIndexes {
                        try await connection.execute(statement, logger: logger)
                    }
                    // Explicit ids were copied; the sequences continue after them, as in a real install.
                    for table in PostgresSampleDDL.tables {
                        try await connection.execute(
                            "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('public.\(table)', 'id'), "
                            + "GREATEST((SELECT pg_catalog.max(id) FROM public.\(table)), 1))",
                            logger: logger)
                    }
                    return credentials
                }
            }
            try await connection.execute("ANALYZE " + PostgresSampleDDL.tables.map { "public.\($0)" }.joined(separator: ", "),
                                         logger: logger)
            return credentials
        }
    }

    /// A permission refusal while writing is about creating (or replacing) tables, not reading them: the sentence
    /// says so, where the report's own sentence would ask for GRANT SELECT.
    private static func mayCreate<T>(user: String, database: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            guard let refusal = PostgresFailure.innermost(PSQLError.self, in: error)?.serverInfo,
                  refusal[.sqlState] == "42501" else { throw error }
            let said = TerminalSafeText.sanitize(refusal[.message] ?? "", maxCharacters: 300)
            throw SourceError(.refused, "user \(TerminalSafeText.sanitize(user, maxCharacters: 80)) may not create "
                              + "tables in database \(TerminalSafeText.sanitize(database, maxCharacters: 80)) (server: "
                              + "\(said)); sample creates Chatwoot's tables, so it needs a user that may: the "
                              + "database's owner, or GRANT CREATE ON SCHEMA public to this user")
        }
    }

    /// The tables exist: refused without --force; and never replaced in what looks like a real Chatwoot.
    private static func refuseExisting(_ connection: PostgresConnection, logger: Logger, database: String,
                                       replace: Bool) async throws {
        var present: [String] = []
        let names = (PostgresSampleDDL.tables + PostgresSampleDDL.realChatwootMarkers).joined(separator: ",")
        for try await name in try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT c.relname::pg_catalog.text FROM pg_catalog.pg_class AS c
              JOIN pg_catalog.pg_namespace AS n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
             WHERE n.nspname OPERATOR(pg_catalog.=) 'public'
               AND c.relkind OPERATOR(pg_catalog.=) ANY ('{r,p,v,m}'::pg_catalog."char"[])
               AND c.relname OPERATOR(pg_catalog.=) ANY ('{\(names)}'::pg_catalog.name[])
            """), logger: logger).decode(String.self) {
            present.append(name)
        }
        let shownDatabase = TerminalSafeText.sanitize(database, maxCharacters: 60)
        if let marker = PostgresSampleDDL.realChatwootMarkers.first(where: present.contains) {
            throw SourceError(.refused, "database \(shownDatabase) has a \(marker) table: it looks like a real "
                              + "Chatwoot database, and sample never writes into one; create an empty database for it")
        }
        if !present.isEmpty, !replace {
            throw SourceError(.refused, "database \(shownDatabase) already has Chatwoot's tables ("
                              + present.sorted().joined(separator: ", ") + "); use --force to replace them")
        }
    }

    private static func copyRows(_ options: SampleOptions, connection: PostgresConnection, logger: Logger,
                                 progress: Progress?) async throws -> [SampleCredential] {
        var plan = SamplePlan(options: options)
        let (users, botToken) = plan.users()
        try await copy("accounts", ["id", "name", "status"], connection, logger) { rows in
            for (index, name) in plan.accountNames.enumerated() { rows.row([String(index + 1), name, "0"]) }
        }
        try await copy("inboxes", ["id", "account_id", "name", "channel_type"], connection, logger) { rows in
            for inbox in plan.inboxes {
                rows.row([String(inbox.id), String(inbox.accountID), inbox.name, inbox.channelType])
            }
        }
        // A deleted agent or team has no row: its conversations keep its id.
        let agents = plan.agents.filter { $0.deletedAt == nil }
        try await copy("users", ["id", "name", "email", "display_name"], connection, logger) { rows in
            for user in users { rows.row([String(user.id), user.name, user.email, nil]) }
            for agent in agents { rows.row([String(agent.id), agent.name, agent.email, agent.displayName]) }
        }
        try await copy("account_users", ["account_id", "user_id", "role"], connection, logger) { rows in
            for user in users { rows.row([String(user.accountID), String(user.id), String(user.roleCode)]) }
            for agent in agents { rows.row([String(agent.accountID), String(agent.id), "0"]) }
        }
        try await copy("access_tokens", ["owner_type", "owner_id", "token"], connection, logger) { rows in
            for user in users { rows.row(["User", String(user.id), user.token]) }
            rows.row(["AgentBot", "1", botToken])
        }
        try await copy("teams", ["id", "account_id", "name"], connection, logger) { rows in
            for team in plan.teams where team.deletedAt == nil {
                rows.row([String(team.id), String(team.accountID), team.name])
            }
        }
        try await copy("tags", ["id", "name"], connection, logger) { rows in
            for tag in plan.tags { rows.row([String(tag.id), tag.name]) }
        }
        let total = options.conversations
        let reportEvery = max(total / 10, 1)
        try await copyConversations(&plan, connection: connection, logger: logger) { conversation, buffer in
            buffer.writeString("\(conversation.id)\t\(conversation.accountID)\t\(conversation.inboxID)\t"
                               + "\(conversation.status.rawValue)\t\(TimestampForm.utcText(conversation.createdAt))\t"
                               + "\(conversation.displayID)\t\(Rows.field(conversation.assigneeID))\t"
                               + "\(Rows.field(conversation.teamID))\t\(Rows.timestamp(conversation.waitingSince))\t"
                               + "\(Rows.timestamp(conversation.firstReplyAt))\n")
            if conversation.id % Int64(reportEvery) == 0 { progress?(Int(conversation.id), total) }
        }
        // The taggings go in a COPY of their own: the same plan, drawn again from the start, gives the same
        // conversations, so their taggings need not be held in memory meanwhile.
        var again = SamplePlan(options: options)
        _ = again.users()
        var taggingID = 0
        try await copyConversations(&again, table: "taggings",
                                    columns: ["id", "tag_id", "taggable_type", "taggable_id", "context"],
                                    connection: connection, logger: logger) { conversation, buffer in
            conversation.forEachTagging { tagging in
                taggingID += 1
                buffer.writeString("\(taggingID)\t\(tagging.tagID)\t\(tagging.taggableType)\t\(tagging.taggableID)\t"
                                   + "\(tagging.context)\n")
            }
        }
        return plan.credentials(users: users, botToken: botToken)
    }

    static let conversationColumns = ["id", "account_id", "inbox_id", "status", "created_at", "display_id", "assignee_id",
                                      "team_id", "waiting_since", "first_reply_created_at"]

    /// Millions of rows: generated into one buffer at a time and sent as the buffer fills, so memory stays flat
    /// whatever the count. `row` writes what one conversation puts into `table`. The texts written are ours
    /// (numbers, timestamps, fixed words): nothing in them needs COPY's escapes.
    private static func copyConversations(_ plan: inout SamplePlan, table: String = "conversations",
                                          columns: [String] = conversationColumns, connection: PostgresConnection,
                                          logger: Logger,
                                          row: (SampleConversation, inout ByteBuffer) -> Void) async throws {
        try await connection.copyFrom(table: inPublic(table), columns: columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            var more = true
            while more {
                more = plan.nextDayOfConversations { row($0, &buffer) }
                if buffer.readableBytes >= 1 << 20 || !more {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
        }
    }

    /// COPY text format: tab-separated, with the characters that format escapes escaped.
    struct Rows {
        var buffer = ByteBuffer()
        /// A nil field is NULL (`\N`).
        mutating func row(_ fields: [String?]) {
            buffer.writeString(fields.map { $0.map(Self.escaped) ?? "\\N" }.joined(separator: "\t") + "\n")
        }

        static func field(_ value: Int64?) -> String { value.map(String.init) ?? "\\N" }

        static func timestamp(_ instant: Int64?) -> String { instant.map(TimestampForm.utcText) ?? "\\N" }

        static func escaped(_ field: String) -> String {
            var out = ""
            for character in field {
                switch character {
                case "\\": out += "\\\\"
                case "\t": out += "\\t"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                default: out.append(character)
                }
            }
            return out
        }
    }

    private static func copy(_ table: String, _ columns: [String], _ connection: PostgresConnection, _ logger: Logger,
                             _ fill: (inout Rows) -> Void) async throws {
        var rows = Rows()
        fill(&rows)
        let buffer = rows.buffer
        try await connection.copyFrom(table: inPublic(table), columns: columns, logger: logger) { writer in
            try await writer.write(buffer)
        }
    }
}

/// `public.TABLE` for postgres-nio's COPY, which writes the name it is given between one pair of double quotes
/// (`COPY "NAME"`): this closes and reopens them, so the statement names `"public"."TABLE"`. The names are ours.
private func inPublic(_ table: String) -> String { "public\".\"\(table)" }
