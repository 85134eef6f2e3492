import GRDB

/// Who may read an account's reports through `serve` (SPEC section 4), decided from the file's
/// `access_tokens`, `users` and `account_users`, as Chatwoot decides it from the same tables.
public enum AccessDecision: Equatable, Sendable {
    /// No token row, or a 'User' token whose user is gone: the caller is nobody (401).
    case unknownToken
    /// The token is known but the account does not exist (404). Checked after the token, so that an
    /// anonymous caller cannot probe which accounts exist.
    case unknownAccount
    /// An 'AgentBot' (or any non-'User') token: bots do not read reports (403).
    case bot
    /// A user with no `account_users` row for the account (403).
    case notMember
    /// A member whose role is not 1, administrator (403).
    case notAdministrator
    case allowed
}

/// The access SQL, in one place, beside the report SQL.
enum AccessQuery {
    /// One row per token (the column is UNIQUE), or none. `is_admin` is NULL when the user is not a member
    /// of the account, 0 for an agent, 1 for an administrator; a user with several rows counts as their best.
    static let sql = """
        SELECT t.owner_type,
               EXISTS (SELECT 1 FROM users AS u WHERE u.id = t.owner_id) AS user_exists,
               EXISTS (SELECT 1 FROM accounts AS a WHERE a.id = :account) AS account_exists,
               (SELECT MAX(au.role = 1) FROM account_users AS au
                 WHERE au.account_id = :account AND au.user_id = t.owner_id) AS is_admin
          FROM access_tokens AS t
         WHERE t.token = :token
        """

    static func decide(_ db: Database, token: String, accountID: Int64?) throws -> AccessDecision {
        guard let row = try Row.fetchOne(db, sql: sql, arguments: ["token": token, "account": accountID]) else {
            return .unknownToken
        }
        let ownerType: String = row["owner_type"] ?? ""
        let isUser = ownerType == "User"
        if isUser, !(row["user_exists"] as Bool? ?? false) { return .unknownToken }
        guard row["account_exists"] as Bool? ?? false else { return .unknownAccount }
        guard isUser else { return .bot }
        switch row["is_admin"] as Bool? {
        case nil: return .notMember
        case false?: return .notAdministrator
        case true?: return .allowed
        }
    }
}
