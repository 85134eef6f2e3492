import Foundation

/// Two accounts with a queue, as SQL both databases run (after `schemaSQL` on Chatwoot's tables), relative to
/// `now`, and what `/metrics`, `report --format prometheus` and `check` must say of them, counted by hand:
///
///     id  account  inbox (type)         status    created   assignee  first reply  waiting since
///     1   1        Mail (Email)         open      2 d ago   -         -            90 min ago
///     2   1        Mail (Email)         open      2 d ago   2         2 d ago      -
///     3   1        Mail (Email)         resolved  10 d ago  -         -            -
///     4   1        Mail (Email)         pending   2 d ago   -         -            -
///     5   1        Odd (hostile type)   snoozed   10 d ago  -         -            -
///     6   1        Odd (hostile type)   open      2 d ago   2         2 d ago      10 min ago
///     7   2        Api (Api)            open      2 d ago   -         -            -
///
/// Account 1, created in 7d: Email open 2, pending 1; Odd open 1. In 30d: Email open 2, resolved 1, pending 1;
/// Odd open 1, snoozed 1. Its queue: Email open 2, unattended 1 (1), unassigned 1 (1), pending 1, snoozed 0,
/// waiting 1, the oldest wait 5,400 s; Odd open 1, unattended 1 (6: waiting again), unassigned 0, pending 0,
/// snoozed 1, waiting 1, the oldest 600 s. Account 2: Api open 1, unattended 1, unassigned 1, nobody waiting.
///
/// Tokens: user 1 administers both accounts, user 2 is an agent of account 1, user 3 administers account 2
/// only, and a bot.
public enum MetricsFixture {
    public static let email = "Channel::Email"
    /// Quotes, a backslash and an emoji: escaped in the text format, exact when read back.
    public static let odd = #"Channel::"Odd" \ ✨"#
    public static let api = "Channel::Api"

    public static let adminOfBoth = "metrics-admin-of-both-0001"
    public static let agent = "metrics-agent-of-one-00002"
    public static let adminOfTwo = "metrics-admin-of-two-00003"
    public static let bot = "metrics-bot-token-00000004"

    /// The queue's columns (SPEC 2's optional ones), added to the PostgreSQL test database's Chatwoot tables
    /// (a SQLite file made with `ChatwootSchema.ddl` has them already).
    public static let schemaSQL = """
        ALTER TABLE conversations ADD COLUMN waiting_since timestamp;
        ALTER TABLE conversations ADD COLUMN first_reply_created_at timestamp;
        """

    public static func inserts(now: Int64) -> String {
        func ago(_ seconds: Int64) -> String { "'\(RailsTime.text(now - seconds))'" }
        let day: Int64 = 86_400
        return """
            INSERT INTO accounts (id, name) VALUES (1, 'Acme'), (2, 'Other');
            INSERT INTO inboxes (id, account_id, name, channel_type) VALUES
                (1, 1, 'Mail', '\(email)'), (2, 1, 'Odd', '\(odd)'), (3, 2, 'Api', '\(api)');
            INSERT INTO users (id, name) VALUES (1, 'Admin'), (2, 'Agent'), (3, 'Other admin');
            INSERT INTO account_users (account_id, user_id, role) VALUES (1, 1, 1), (2, 1, 1), (1, 2, 0), (2, 3, 1);
            INSERT INTO access_tokens (owner_type, owner_id, token) VALUES ('User', 1, '\(adminOfBoth)'),
                ('User', 2, '\(agent)'), ('User', 3, '\(adminOfTwo)'), ('AgentBot', 1, '\(bot)');
            INSERT INTO conversations (id, account_id, inbox_id, status, created_at, assignee_id, first_reply_created_at,
                                       waiting_since) VALUES
                (1, 1, 1, 0, \(ago(2 * day)), NULL, NULL, \(ago(5_400))),
                (2, 1, 1, 0, \(ago(2 * day)), 2, \(ago(2 * day - 60)), NULL),
                (3, 1, 1, 1, \(ago(10 * day)), NULL, NULL, NULL),
                (4, 1, 1, 2, \(ago(2 * day)), NULL, NULL, NULL),
                (5, 1, 2, 3, \(ago(10 * day)), NULL, NULL, NULL),
                (6, 1, 2, 0, \(ago(2 * day)), 2, \(ago(2 * day - 60)), \(ago(600))),
                (7, 2, 3, 0, \(ago(2 * day)), NULL, NULL, NULL);
            """
    }

    /// The samples every reading must hold (label values exact), the oldest waits aside (they grow with the clock).
    public static let expected: [(name: String, labels: [String: String], value: Double)] = {
        var rows: [(String, [String: String], Double)] = []
        func created(_ account: String, _ type: String, _ range: String, _ counts: [Double]) {
            for (status, value) in zip(["open", "resolved", "pending", "snoozed"], counts) {
                rows.append(("chatwoot_conversations_created",
                             ["account_id": account, "channel_type": type, "status": status, "range": range], value))
            }
        }
        func queue(_ account: String, _ type: String, _ counts: [Double]) {
            for (state, value) in zip(["open", "unattended", "unassigned", "pending", "snoozed", "waiting"], counts) {
                rows.append(("chatwoot_queue_conversations", ["account_id": account, "channel_type": type, "state": state], value))
            }
        }
        created("1", email, "7d", [2, 0, 1, 0])
        created("1", odd, "7d", [1, 0, 0, 0])
        created("1", email, "30d", [2, 1, 1, 0])
        created("1", odd, "30d", [1, 0, 0, 1])
        created("2", api, "30d", [1, 0, 0, 0])
        queue("1", email, [2, 1, 1, 1, 0, 1])
        queue("1", odd, [1, 1, 0, 0, 1, 1])
        queue("2", api, [1, 1, 1, 0, 0, 0])
        return rows
    }()

    /// The oldest waits at a reading made at most `slack` seconds after the fixture's `now`.
    public static func oldestWaitIsRight(_ value: Double?, waited: Int64, slack: Int64 = 600) -> Bool {
        guard let value else { return false }
        return value >= Double(waited) && value <= Double(waited + slack)
    }
}
