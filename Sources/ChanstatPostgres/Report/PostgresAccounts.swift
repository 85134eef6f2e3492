import ChanstatCore
import PostgresNIO

/// The account rule, as for a file: `--account ID`; without it, the only account, or an error that lists
/// them. A suspended account is refused: Chatwoot itself refuses every request to one.
enum PostgresAccounts {
    struct Account: Sendable {
        let id: Int64
        let name: String
    }

    static func choose(_ connection: PostgresConnection, logger: Logger, schema: PostgresSchema, requested: Int64?,
                       database: String) async throws -> Account {
        let shownDatabase = TerminalSafeText.sanitize(database, maxCharacters: 60)
        let listing = try await fetch(connection, logger: logger, schema: schema, only: nil, limit: 21)
        if let requested {
            guard let found = try await fetch(connection, logger: logger, schema: schema, only: requested, limit: 1).first else {
                throw SourceError(.refused, "database \(shownDatabase) has no account \(requested); \(describe(listing))")
            }
            guard !found.suspended else {
                throw SourceError(.refused, "account \(requested) (\(safe(found.account.name))) is suspended in Chatwoot; "
                                  + "its reports are not shown (choose another with --account ID)")
            }
            return found.account
        }
        switch listing.count {
        case 0: throw SourceError(.badData, "database \(shownDatabase) has no accounts")
        case 1 where listing[0].suspended:
            throw SourceError(.refused, "the only account, \(listing[0].account.id) (\(safe(listing[0].account.name))), "
                              + "is suspended in Chatwoot; its reports are not shown")
        case 1: return listing[0].account
        default:
            throw SourceError(.refused, "database \(shownDatabase) has several accounts; choose one with --account ID: "
                              + describe(listing))
        }
    }

    private static func fetch(_ connection: PostgresConnection, logger: Logger, schema: PostgresSchema, only: Int64?,
                              limit: Int) async throws -> [(account: Account, suspended: Bool)] {
        var rows: [(account: Account, suspended: Bool)] = []
        for try await (id, name, suspended) in try await connection.query(schema.accountsQuery(only: only, limit: limit),
                                                                         logger: logger).decode((Int64, String, Bool).self) {
            rows.append((Account(id: id, name: name), suspended))
        }
        return rows
    }

    private static func describe(_ accounts: [(account: Account, suspended: Bool)]) -> String {
        guard !accounts.isEmpty else { return "it has no accounts" }
        let shown = accounts.prefix(20).map {
            "\($0.account.id) (\(safe($0.account.name))\($0.suspended ? ", suspended" : ""))"
        }
        return "accounts: " + shown.joined(separator: ", ") + (accounts.count > 20 ? ", …" : "")
    }

    private static func safe(_ name: String) -> String { TerminalSafeText.sanitize(name, maxCharacters: 30) }
}
