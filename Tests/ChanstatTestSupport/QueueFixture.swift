import Foundation

/// One account's queue at an instant `t0`, as SQL both databases run, and what `report --now` must print for it,
/// counted by hand. Everything is placed relative to `t0` (the test's clock), far from every bucket edge, so that
/// the few seconds between writing the rows and the binary's own reading of the clock (`at`, printed) move no
/// conversation across an edge; the oldest waits are `at - t0` plus the offsets below.
///
///     id inbox      status    assignee     team         first reply  waiting since  labels
///      1 1 Site     open      -            1 Billing    -            t0 - 30m       vip
///      2 1 Site     open      2 Bobby      1 Billing    yes          t0 - 2h        vip, refund
///      3 1 Site     open      2 Bobby      -            yes          -
///      4 2 Mail     open      -            2 Sales      -            -              (vip as a tag, not a label)
///      5 2 Mail     open      8 (deleted)  7 (deleted)  yes          t0 - 10d
///      6 2 Mail     pending   2 Bobby      1 Billing    yes          t0 - 3d (not open: no wait)
///      7 1 Site     snoozed   -            -            -            t0 - 5h (not open: no wait)  refund
///      8 1 Site     resolved  2 Bobby      1 Billing    yes          t0 - 20d (resolved: nowhere)
///      9 9 (gone)   open      -            -            -            t0 - 1h (no inbox: nowhere)
///     10 3 (acct 2) open      -            -            -            t0 - 1h (account 2: nowhere)
///     11 2 Mail     open      1 Admin      2 Sales      yes          t0 - 10h       refund
///     12 1 Site     open      1 Admin      2 Sales      -            t0 - 2d (created 7 months before t0)
///     13 2 Mail     status 7  -            -            -            t0 - 1h (unknown status: nowhere)
///
/// Users: 1 Admin (display name empty, administrator of account 1), 2 Bob (display name Bobby, an agent), 3 of
/// account 2. Teams 1 Billing and 2 Sales of account 1, 3 of account 2; team 7 and user 8 are gone.
public enum QueueFixture {
    /// How `created_at`, `waiting_since` and `first_reply_created_at` are written: Unix seconds, UTC text, or
    /// every other row in the other form (a file appended to by another tool).
    public enum Form: String, CaseIterable, Sendable { case unix, text, mixed }

    public static let administratorToken = "queue-admin-token-51c2"
    public static let agentToken = "queue-agent-token-7e0d"

    /// A Chatwoot-shaped file with every optional column and table of SPEC 2, and Chatwoot's index for the queue.
    public static let sqliteDDL = FullShapeSQLite.ddl + """

        CREATE INDEX conv_acid_inbid_stat_asgnid_idx ON conversations (account_id, inbox_id, status, assignee_id);
        """

    /// Chatwoot 4.x's tables (the columns chanstat reads, typed as db/schema.rb types them) and its stock indexes
    /// on conversations.
    public static let postgresDDL = """
        CREATE TABLE accounts (id serial PRIMARY KEY, name varchar NOT NULL, status integer DEFAULT 0);
        CREATE TABLE inboxes (id serial PRIMARY KEY, account_id integer NOT NULL, name varchar NOT NULL,
                              channel_type varchar);
        CREATE TABLE conversations (id serial PRIMARY KEY, account_id integer NOT NULL, inbox_id integer NOT NULL,
            status integer NOT NULL DEFAULT 0, assignee_id integer, created_at timestamp NOT NULL,
            display_id integer NOT NULL DEFAULT 0, team_id bigint, waiting_since timestamp,
            first_reply_created_at timestamp);
        CREATE INDEX index_conversations_on_account_id ON conversations (account_id);
        CREATE INDEX conv_acid_inbid_stat_asgnid_idx ON conversations (account_id, inbox_id, status, assignee_id);
        CREATE INDEX index_conversations_on_waiting_since ON conversations (waiting_since);
        CREATE TABLE users (id serial PRIMARY KEY, name varchar NOT NULL, email varchar, display_name varchar);
        CREATE TABLE account_users (id bigserial PRIMARY KEY, account_id bigint, user_id bigint, role integer DEFAULT 0);
        CREATE TABLE access_tokens (id bigserial PRIMARY KEY, owner_type varchar, owner_id bigint, token varchar UNIQUE);
        CREATE TABLE teams (id bigserial PRIMARY KEY, name varchar NOT NULL, account_id bigint NOT NULL);
        CREATE TABLE tags (id serial PRIMARY KEY, name varchar);
        CREATE TABLE taggings (id serial PRIMARY KEY, tag_id integer, taggable_type varchar, taggable_id integer,
                               context varchar(128));
        """

    /// The rows, with `t0` the instant the waits are placed around.
    public static func inserts(at t0: Int64, form: Form) -> String {
        let minute: Int64 = 60, hour: Int64 = 3_600, day: Int64 = 86_400
        // id, inbox, status, assignee, team, replied, waiting since (seconds before t0), account
        let rows: [(Int, Int, Int, Int?, Int?, Bool, Int64?, Int)] = [
            (1, 1, 0, nil, 1, false, 30 * minute, 1), (2, 1, 0, 2, 1, true, 2 * hour, 1),
            (3, 1, 0, 2, nil, true, nil, 1), (4, 2, 0, nil, 2, false, nil, 1),
            (5, 2, 0, 8, 7, true, 10 * day, 1), (6, 2, 2, 2, 1, true, 3 * day, 1),
            (7, 1, 3, nil, nil, false, 5 * hour, 1), (8, 1, 1, 2, 1, true, 20 * day, 1),
            (9, 9, 0, nil, nil, false, hour, 1), (10, 3, 0, nil, nil, false, hour, 2),
            (11, 2, 0, 1, 2, true, 10 * hour, 1), (12, 1, 0, 1, 2, false, 2 * day, 1),
            (13, 2, 7, nil, nil, false, hour, 1),
        ]
        func time(_ seconds: Int64, row: Int) -> String {
            let asNumber = form == .unix || (form == .mixed && row % 2 == 0)
            return asNumber ? String(seconds) : "'\(RailsTime.text(seconds))'"
        }
        func value(_ number: Int?) -> String { number.map(String.init) ?? "NULL" }
        let conversations = rows.map { id, inbox, status, assignee, team, replied, waiting, account in
            let created = id == 12 ? t0 - 213 * day : t0 - 25 * day
            return "(\(id), \(account), \(inbox), \(status), \(time(created, row: id)), \(id), \(value(assignee)), "
                + "\(value(team)), \(waiting.map { time(t0 - $0, row: id) } ?? "NULL"), "
                + "\(replied ? time(t0 - 24 * day, row: id) : "NULL"))"
        }
        return """
            INSERT INTO accounts (id, name) VALUES (1, 'Acme'), (2, 'Other');
            INSERT INTO inboxes (id, account_id, name, channel_type) VALUES
                (1, 1, 'Site', 'Channel::WebWidget'), (2, 1, 'Mail', 'Channel::Email'), (3, 2, 'Theirs', 'Channel::Email');
            INSERT INTO conversations (id, account_id, inbox_id, status, created_at, display_id, assignee_id, team_id,
                                       waiting_since, first_reply_created_at) VALUES
                \(conversations.joined(separator: ",\n    "));
            INSERT INTO users (id, name, email, display_name) VALUES (1, 'Admin', 'admin@example.com', ''),
                (2, 'Bob', 'bob@example.com', 'Bobby'), (3, 'Carol', 'carol@example.com', NULL);
            INSERT INTO account_users (account_id, user_id, role) VALUES (1, 1, 1), (1, 2, 0), (2, 3, 1);
            INSERT INTO access_tokens (owner_type, owner_id, token) VALUES ('User', 1, '\(administratorToken)'),
                ('User', 2, '\(agentToken)');
            INSERT INTO teams (id, account_id, name) VALUES (1, 1, 'Billing'), (2, 1, 'Sales'), (3, 2, 'Theirs');
            INSERT INTO tags (id, name) VALUES (1, 'vip'), (2, 'refund');
            INSERT INTO taggings (tag_id, taggable_type, taggable_id, context) VALUES
                (1, 'Conversation', 1, 'labels'), (1, 'Conversation', 2, 'labels'), (2, 'Conversation', 2, 'labels'),
                (2, 'Conversation', 7, 'labels'), (2, 'Conversation', 11, 'labels'),
                (1, 'Contact', 4, 'labels'), (1, 'Conversation', 4, 'tags'),
                -- conversation 1's label 1 a second time: a label counts a conversation once, however often it is set
                (1, 'Conversation', 1, 'labels');
            """
    }

    /// `"wait":{…}` with the five counts in order.
    public static func wait(_ a: Int, _ b: Int, _ c: Int, _ d: Int, _ e: Int) -> String {
        "\"wait\":{\"under_1h\":\(a),\"1h_to_4h\":\(b),\"4h_to_24h\":\(c),\"1d_to_7d\":\(d),\"over_7d\":\(e)}"
    }

    /// A group's or the total's counts in `report --now`'s JSON: open, unattended, unassigned, pending, snoozed,
    /// waiting, the oldest wait in seconds, and `wait(…)`.
    public static func counts(_ open: Int, _ unattended: Int, _ unassigned: Int, _ pending: Int, _ snoozed: Int,
                       _ waiting: Int, _ oldest: Int64?, _ wait: String) -> String {
        "\"open\":\(open),\"unattended\":\(unattended),\"unassigned\":\(unassigned),\"pending\":\(pending),"
            + "\"snoozed\":\(snoozed),\"waiting\":\(waiting),\"oldest_wait\":\(oldest.map(String.init) ?? "null"),\(wait)"
    }

    /// `report --now --by BREAKDOWN --format json` for account 1, read at `at` (printed by chanstat) for rows
    /// placed around `t0`.
    public static func json(_ breakdown: String, at: Int64, t0: Int64) -> String {
        let d = at - t0
        let minute: Int64 = 60, hour: Int64 = 3_600, day: Int64 = 86_400
        let total = counts(7, 6, 2, 1, 1, 5, d + 10 * day, wait(1, 1, 1, 1, 1))
        let site = counts(4, 3, 1, 0, 1, 3, d + 2 * day, wait(1, 1, 0, 1, 0))
        let mail = counts(3, 3, 1, 1, 0, 2, d + 10 * day, wait(0, 0, 1, 0, 1))
        let groups: [String]
        switch breakdown {
        case "channel":
            groups = ["{\"key\":\"Channel::WebWidget\",\"name\":\"Website\",\(site)}",
                      "{\"key\":\"Channel::Email\",\"name\":\"Email\",\(mail)}"]
        case "inbox":
            groups = ["{\"key\":1,\"name\":\"Site\",\"channel_type\":\"Channel::WebWidget\",\(site)}",
                      "{\"key\":2,\"name\":\"Mail\",\"channel_type\":\"Channel::Email\",\(mail)}"]
        case "team":
            groups = ["{\"key\":2,\"name\":\"Sales\",\(counts(3, 3, 1, 0, 0, 2, d + 2 * day, wait(0, 0, 1, 1, 0)))}",
                      "{\"key\":1,\"name\":\"Billing\",\(counts(2, 2, 1, 1, 0, 2, d + 2 * hour, wait(1, 1, 0, 0, 0)))}",
                      "{\"key\":null,\"name\":\"No team\",\(counts(1, 0, 0, 0, 1, 0, nil, wait(0, 0, 0, 0, 0)))}",
                      "{\"key\":7,\"name\":\"Team #7 (deleted)\",\(counts(1, 1, 0, 0, 0, 1, d + 10 * day, wait(0, 0, 0, 0, 1)))}"]
        case "agent":
            groups = ["{\"key\":1,\"name\":\"Admin\",\(counts(2, 2, 0, 0, 0, 2, d + 2 * day, wait(0, 0, 1, 1, 0)))}",
                      "{\"key\":2,\"name\":\"Bobby\",\(counts(2, 1, 0, 1, 0, 1, d + 2 * hour, wait(0, 1, 0, 0, 0)))}",
                      "{\"key\":null,\"name\":\"Unassigned\",\(counts(2, 2, 2, 0, 1, 1, d + 30 * minute, wait(1, 0, 0, 0, 0)))}",
                      "{\"key\":8,\"name\":\"Agent #8 (deleted)\",\(counts(1, 1, 0, 0, 0, 1, d + 10 * day, wait(0, 0, 0, 0, 1)))}"]
        default:
            groups = ["{\"key\":null,\"name\":\"No label\",\(counts(4, 3, 1, 1, 0, 2, d + 10 * day, wait(0, 0, 0, 1, 1)))}",
                      "{\"key\":\"refund\",\"name\":\"refund\",\(counts(2, 2, 0, 0, 1, 2, d + 10 * hour, wait(0, 1, 1, 0, 0)))}",
                      "{\"key\":\"vip\",\"name\":\"vip\",\(counts(2, 2, 1, 0, 0, 2, d + 2 * hour, wait(1, 1, 0, 0, 0)))}"]
        }
        return "{\"at\":\(at),\"by\":\"\(breakdown)\",\"groups\":[\(groups.joined(separator: ","))],\"total\":{\(total)}}\n"
    }

    /// serve's live report endpoints for account 1 (Chatwoot's shapes): path → body.
    public static let liveReports: [(path: String, body: String)] = [
        ("/api/v2/accounts/1/live_reports/conversation_metrics", #"{"open":7,"unattended":6,"unassigned":2,"pending":1}"#),
        ("/api/v2/accounts/1/live_reports/grouped_conversation_metrics?group_by=team_id",
         #"[{"open":3,"unattended":3,"unassigned":1,"team_id":2},{"open":2,"unattended":2,"unassigned":1,"team_id":1},"#
            + #"{"open":1,"unattended":0,"unassigned":0,"team_id":null},{"open":1,"unattended":1,"unassigned":0,"team_id":7}]"#),
        ("/api/v2/accounts/1/live_reports/grouped_conversation_metrics?group_by=assignee_id",
         #"[{"open":2,"unattended":2,"unassigned":0,"assignee_id":1},{"open":2,"unattended":1,"unassigned":0,"assignee_id":2},"#
            + #"{"open":2,"unattended":2,"unassigned":2,"assignee_id":null},{"open":1,"unattended":1,"unassigned":0,"assignee_id":8}]"#),
        ("/api/v1/accounts/1/teams", #"[{"id":1,"name":"Billing"},{"id":2,"name":"Sales"}]"#),
        ("/api/v1/accounts/1/agents",
         #"[{"id":1,"name":"Admin","available_name":"Admin"},{"id":2,"name":"Bobby","available_name":"Bobby"}]"#),
    ]

    /// `report --now --by team --format json` over the HTTP source (serve over this fixture): the live reports'
    /// numbers, and null for everything the API does not give.
    public static func teamJSONOverHTTP(at: Int64) -> String {
        let unknown = "\"pending\":null,\"snoozed\":null,\"waiting\":null,\"oldest_wait\":null,\"wait\":null"
        func group(_ key: String, _ name: String, _ open: Int, _ unattended: Int, _ unassigned: Int) -> String {
            "{\"key\":\(key),\"name\":\"\(name)\",\"open\":\(open),\"unattended\":\(unattended),\"unassigned\":\(unassigned),\(unknown)}"
        }
        let groups = [group("2", "Sales", 3, 3, 1), group("1", "Billing", 2, 2, 1), group("null", "No team", 1, 0, 0),
                      group("7", "Team #7 (deleted)", 1, 1, 0)]
        return "{\"at\":\(at),\"by\":\"team\",\"groups\":[\(groups.joined(separator: ","))],\"total\":{\"open\":7,"
            + "\"unattended\":6,\"unassigned\":2,\"pending\":1,\"snoozed\":null,\"waiting\":null,\"oldest_wait\":null,\"wait\":null}}\n"
    }

    /// The `at` of a `report --now --format json` output.
    public static func at(_ json: String) -> Int64? {
        guard let range = json.range(of: "{\"at\":") else { return nil }
        return Int64(json[range.upperBound...].prefix { $0.isNumber })
    }
}
