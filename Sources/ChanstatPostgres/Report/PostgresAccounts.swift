import ChanstatCore
import PostgresNIO

/// The account rule, as for a file (`AccountChoice`), over Chatwoot's `accounts`.
enum PostgresAccounts {
    struct Account: Sendable {
        let id: Int64
        let name: String
    }

    static func choose(_ connection: PostgresConnection, logger: Logger, schema: PostgresSchema, requested: Int64?,
                       database: String) async throws -> Account {
        let listing = try await fetch(connection, logger: logger, schema: schema, only: nil, limit: AccountChoice.listed + 1)
        var found: AccountChoice.Account?
        if let requested { found = try await fetch(connection, logger: logger, schema: schema, only: requested, limit: 1).first }
        let chosen = try AccountChoice.choose(requested: requested, found: found, listing: listing,
                                              source: "database \(TerminalSafeText.sanitize(database, maxCharacters: 60))")
        return Account(id: chosen.id, name: chosen.name)
    }

    private static func fetch(_ connection: PostgresConnection, logger: Logger, schema: PostgresSchema, only: Int64?,
                              limit: Int) async throws -> [AccountChoice.Account] {
        var rows: [AccountChoice.Account] = []
        for try await (id, name, suspended) in try await connection.query(schema.accountsQuery(only: only, limit: limit),
                                                                         logger: logger).decode((Int64, String, Bool).self) {
            rows.append(AccountChoice.Account(id: id, name: name, suspended: suspended))
        }
        return rows
    }
}
