/// The account rule of every database source (README "Data sources"): `--account ID`; without it, the only
/// account, or an error that lists them. A suspended account is refused: Chatwoot itself refuses every request to
/// one. Each source reads the facts with its own SQL; the choice and its sentences are made here, once.
public enum AccountChoice {
    public struct Account: Equatable, Sendable {
        public let id: Int64
        public let name: String
        public let suspended: Bool

        public init(id: Int64, name: String, suspended: Bool = false) {
            self.id = id
            self.name = name
            self.suspended = suspended
        }
    }

    /// At most this many accounts are listed in a sentence; the source reads one more, to know there are more.
    public static let listed = 20

    /// `requested`: the `--account` given; `found`: that account, if it exists; `listing`: the first accounts by
    /// id (up to `listed + 1`). `source` names the file or database in the sentences ("demo.sqlite", "database
    /// chatwoot").
    public static func choose(requested: Int64?, found: Account?, listing: [Account], source: String) throws -> Account {
        if let requested {
            guard let found else {
                throw SourceError(.refused, "\(source) has no account \(requested); \(describe(listing))")
            }
            guard !found.suspended else {
                throw SourceError(.refused, "account \(requested) (\(safe(found.name))) is suspended in Chatwoot; "
                                  + "its reports are not shown (choose another with --account ID)")
            }
            return found
        }
        switch listing.count {
        case 0: throw SourceError(.badData, "\(source) has no accounts")
        case 1 where listing[0].suspended:
            throw SourceError(.refused, "the only account, \(listing[0].id) (\(safe(listing[0].name))), "
                              + "is suspended in Chatwoot; its reports are not shown")
        case 1: return listing[0]
        default:
            throw SourceError(.refused, "\(source) has several accounts; choose one with --account ID: " + describe(listing))
        }
    }

    /// "accounts: 1 (Acme), 2 (Beta, suspended), …".
    static func describe(_ accounts: [Account]) -> String {
        guard !accounts.isEmpty else { return "it has no accounts" }
        let shown = accounts.prefix(listed).map { "\($0.id) (\(safe($0.name))\($0.suspended ? ", suspended" : ""))" }
        return "accounts: " + shown.joined(separator: ", ") + (accounts.count > listed ? ", …" : "")
    }

    private static func safe(_ name: String) -> String { TerminalSafeText.sanitize(name, maxCharacters: 30) }
}
