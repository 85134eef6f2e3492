import ChanstatCore
import GRDB

/// The access SQL of a SQLite file, beside the report SQL; the decision itself is `AccessDecision.decide`.
enum AccessQuery {
    /// One row per token (the column is UNIQUE), or none. `is_admin` is NULL when the user is not a member
    /// of the account, 0 for an agent, 1 for an administrator; a user with several rows counts as their best.
    /// A Chatwoot-shaped file has no `accounts.status`: its accounts are all active.
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
        let row = try Row.fetchOne(db, sql: sql, arguments: ["token": token, "account": accountID])
        return AccessDecision.decide(ownerType: row.map { $0["owner_type"] ?? "" },
                                     userExists: row?["user_exists"] as Bool? ?? false,
                                     accountExists: row?["account_exists"] as Bool? ?? false,
                                     accountSuspended: false, isAdministrator: row?["is_admin"] as Bool?)
    }

    /// The accounts of the token's user, for `/metrics` (each then decided by `decide`).
    static let memberSQL = """
        SELECT DISTINCT au.account_id FROM access_tokens AS t JOIN account_users AS au ON au.user_id = t.owner_id
         WHERE t.token = :token AND t.owner_type = 'User' ORDER BY au.account_id
        """

    static func memberAccounts(_ db: Database, token: String) throws -> [Int64] {
        try Int64.fetchAll(db, sql: memberSQL, arguments: ["token": token])
    }
}
