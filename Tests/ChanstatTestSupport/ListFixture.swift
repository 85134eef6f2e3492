import Foundation

/// Conversations of one account counted by hand, for the lists (docs/report.md "Lists"), as SQL that both
/// databases run: the week from 2026-11-01 00:00 UTC (`since`) and the queue. Names are hostile (terminal
/// escapes, CSV formula starts, JSON-breaking quotes) and a contacts and a messages table are full of what a list
/// must never show. Times are hours after `since`; `timestamp` writes them in the form under test.
///
///     id  #    inbox          status    assignee     team          created  waiting  replied  labels
///     1   101  1 Email        open      1 Annie      1 Billing     +1       +30      yes      billing, vip
///     2   102  1 Email        open      -            -             +2       +10      no       -
///     3   103  1 Email        pending   2 Bob        1 Billing     +3       +2.5     yes      vip
///     4   104  2 WebWidget    resolved  1 Annie      2 Tier "2"    +4       -        yes      billing
///     5   105  2 WebWidget    open      7 (deleted)  9 (deleted)   +5       +20      yes      =HYPERLINK(…)
///     6   106  3 WebWidget    snoozed   -            2 Tier "2"    +6       -        no       -
///     7   107  3 WebWidget    open      2 Bob        -             +7       -        no       vip
///     8   108  1 Email        open      1 Annie      1 Billing     -48      -40      yes      billing
///     9   109  1 Email        resolved  1 Annie      1 Billing     -48      -        yes      -
///     10  110  99 (deleted)   open      -            -             +1       +1       no       -
///     11  111  1 Email        status 5  -            -             +1       -        no       -
///     12  112  1 Email        open      -            -             +200     +201     yes      -
///     13  113  4 (account 2)  open      -            -             +1       +1       no       -
///     15  115  2 WebWidget    open      1 Annie      2 Tier "2"    +1       -        yes      -
///     16  116  2 WebWidget    resolved  -            -             +1       -        yes      vip
///     17  117  2 WebWidget    pending   2 Bob        2 Tier "2"    +0.5     -        yes      billing
///
/// The week's cohort is 1-7 and 15-17; the queue is 1-3, 5-8, 12, 15 and 17. Each list below names its
/// conversations by id in the documented order: waiting (open with waiting_since) first, longest waiting first;
/// then the others by created_at, then id (15 and 16 are created at the same second).
public enum ListFixture {
    public static let since: Int64 = 1_793_491_200        // 2026-11-01 00:00:00 UTC
    public static let until: Int64 = since + 7 * 86_400
    public static let range = ["--account", "1", "--since", String(since), "--until", String(until)]

    public static let hostileInbox = "Mail\u{1B}[31m\u{1B}]8;;http://evil.example\u{07}red\u{1B}]8;;\u{07}"
    public static let formulaInbox = "=cmd|' /C calc'!A0"
    public static let quotedInbox = #"Web "quoted" \ inbox"#
    public static let quotedTeam = #"Tier "2""#
    public static let formulaTeam = "+SUM(1;2)"
    public static let formulaLabel = #"=HYPERLINK("http://evil.example")"#
    /// What a contacts and a messages table hold, and a list must never show.
    public static let contactData = ["Carla Contact", "carla@customer.example", "+49 170 5550123",
                                     "Dora Secret", "dora@customer.example", "+1 555 0100 777",
                                     "my card number is 4111", "please call me back at home"]

    /// Conversations by id, their hours after `since` and the rest, as the table above.
    struct Row {
        let id: Int, display: Int, inbox: Int, status: Int, assignee: Int?, team: Int?
        let created: Double, waiting: Double?, replied: Bool, account: Int
    }

    static let rows: [Row] = [
        Row(id: 1, display: 101, inbox: 1, status: 0, assignee: 1, team: 1, created: 1, waiting: 30, replied: true, account: 1),
        Row(id: 2, display: 102, inbox: 1, status: 0, assignee: nil, team: nil, created: 2, waiting: 10, replied: false, account: 1),
        Row(id: 3, display: 103, inbox: 1, status: 2, assignee: 2, team: 1, created: 3, waiting: 2.5, replied: true, account: 1),
        Row(id: 4, display: 104, inbox: 2, status: 1, assignee: 1, team: 2, created: 4, waiting: nil, replied: true, account: 1),
        Row(id: 5, display: 105, inbox: 2, status: 0, assignee: 7, team: 9, created: 5, waiting: 20, replied: true, account: 1),
        Row(id: 6, display: 106, inbox: 3, status: 3, assignee: nil, team: 2, created: 6, waiting: nil, replied: false, account: 1),
        Row(id: 7, display: 107, inbox: 3, status: 0, assignee: 2, team: nil, created: 7, waiting: nil, replied: false, account: 1),
        Row(id: 8, display: 108, inbox: 1, status: 0, assignee: 1, team: 1, created: -48, waiting: -40, replied: true, account: 1),
        Row(id: 9, display: 109, inbox: 1, status: 1, assignee: 1, team: 1, created: -48, waiting: nil, replied: true, account: 1),
        Row(id: 10, display: 110, inbox: 99, status: 0, assignee: nil, team: nil, created: 1, waiting: 1, replied: false, account: 1),
        Row(id: 11, display: 111, inbox: 1, status: 5, assignee: nil, team: nil, created: 1, waiting: nil, replied: false, account: 1),
        Row(id: 12, display: 112, inbox: 1, status: 0, assignee: nil, team: nil, created: 200, waiting: 201, replied: true, account: 1),
        Row(id: 13, display: 113, inbox: 4, status: 0, assignee: nil, team: nil, created: 1, waiting: 1, replied: false, account: 2),
        Row(id: 16, display: 116, inbox: 2, status: 1, assignee: nil, team: nil, created: 1, waiting: nil, replied: true, account: 1),
        Row(id: 15, display: 115, inbox: 2, status: 0, assignee: 1, team: 2, created: 1, waiting: nil, replied: true, account: 1),
        Row(id: 17, display: 117, inbox: 2, status: 2, assignee: 2, team: 2, created: 0.5, waiting: nil, replied: true, account: 1),
    ]

    static let labels: [(conversation: Int, tag: Int)] = [(1, 1), (1, 2), (3, 2), (4, 1), (5, 3), (7, 2), (8, 1), (16, 2),
                                                          (17, 1), (10, 1), (13, 1)]

    /// The unix seconds of `hours` after `since`, fractions dropped: what a list prints.
    public static func seconds(_ hours: Double) -> Int64 { since + Int64((hours * 3600).rounded(.down)) }

    /// The rows as INSERTs, timestamps written by `timestamp` (a SQL literal). `fraction`: text timestamps carry
    /// ".75" (Rails writes fractions; a list drops them).
    public static func inserts(timestamp: (Int64) -> String) -> String {
        func sql(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        func value(_ number: Int?) -> String { number.map(String.init) ?? "NULL" }
        var statements = [
            "INSERT INTO accounts (id, name) VALUES (1, 'Acme'), (2, 'Other');",
            "INSERT INTO inboxes (id, account_id, name, channel_type) VALUES (1, 1, \(sql(hostileInbox)), 'Channel::Email'), "
                + "(2, 1, \(sql(formulaInbox)), 'Channel::WebWidget'), (3, 1, \(sql(quotedInbox)), 'Channel::WebWidget'), "
                + "(4, 2, 'Other', 'Channel::Email');",
            "INSERT INTO users (id, name, display_name, email) VALUES (1, 'Ann Agent', 'Annie', 'ann@acme.example'), "
                + "(2, 'Bob Agent', '', 'bob@acme.example');",
            "INSERT INTO teams (id, account_id, name) VALUES (1, 1, \(sql(formulaTeam))), (2, 1, \(sql(quotedTeam)));",
            "INSERT INTO tags (id, name) VALUES (1, 'billing'), (2, 'vip'), (3, \(sql(formulaLabel)));",
            "INSERT INTO contacts (id, account_id, name, email, phone_number) VALUES "
                + "(1, 1, 'Carla Contact', 'carla@customer.example', '+49 170 5550123'), "
                + "(2, 1, 'Dora Secret', 'dora@customer.example', '+1 555 0100 777');",
        ]
        for row in rows {
            let waiting = row.waiting.map { timestamp(seconds($0)) } ?? "NULL"
            let replied = row.replied ? timestamp(seconds(row.created + 0.25)) : "NULL"
            statements.append("INSERT INTO conversations (id, display_id, account_id, inbox_id, status, assignee_id, "
                + "team_id, contact_id, created_at, waiting_since, first_reply_created_at) VALUES (\(row.id), "
                + "\(row.display), \(row.account), \(row.inbox), \(row.status), \(value(row.assignee)), \(value(row.team)), "
                + "\(row.id % 2 + 1), \(timestamp(seconds(row.created))), \(waiting), \(replied));")
            statements.append("INSERT INTO messages (conversation_id, content) VALUES (\(row.id), "
                + "\(sql(row.id % 2 == 0 ? "my card number is 4111" : "please call me back at home")));")
        }
        for (index, label) in labels.enumerated() {
            statements.append("INSERT INTO taggings (id, tag_id, taggable_type, taggable_id, context) VALUES "
                + "(\(index + 1), \(label.tag), 'Conversation', \(label.conversation), 'labels');")
        }
        // A tag on a contact, and one in another context: not labels of a conversation.
        statements.append("INSERT INTO taggings (id, tag_id, taggable_type, taggable_id, context) VALUES "
            + "(100, 2, 'Contact', 2, 'labels'), (101, 2, 'Conversation', 2, 'skills');")
        return statements.joined(separator: "\n")
    }

    /// The optional tables and columns (SPEC 2) and the contact data, for SQLite.
    public static let sqliteSchema = """
        CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE inboxes (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL, channel_type TEXT NOT NULL);
        CREATE TABLE conversations (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, inbox_id INTEGER NOT NULL,
            status INTEGER NOT NULL DEFAULT 0, created_at NOT NULL, display_id INTEGER, assignee_id INTEGER,
            team_id INTEGER, contact_id INTEGER, waiting_since, first_reply_created_at);
        CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, display_name TEXT, email TEXT);
        CREATE TABLE teams (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL);
        CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE taggings (id INTEGER PRIMARY KEY, tag_id INTEGER, taggable_type TEXT, taggable_id INTEGER, context TEXT);
        CREATE TABLE contacts (id INTEGER PRIMARY KEY, account_id INTEGER, name TEXT, email TEXT, phone_number TEXT);
        CREATE TABLE messages (id INTEGER PRIMARY KEY, conversation_id INTEGER, content TEXT);
        CREATE INDEX index_conversations_on_account_inbox_status_created
            ON conversations (account_id, inbox_id, status, created_at);
        """

    /// The same for Chatwoot's PostgreSQL tables (the test database's `ChatwootDatabase.ddl` has the rest).
    public static let postgresSchema = """
        ALTER TABLE conversations ADD COLUMN team_id bigint, ADD COLUMN contact_id bigint,
            ADD COLUMN waiting_since timestamp, ADD COLUMN first_reply_created_at timestamp;
        ALTER TABLE users ADD COLUMN display_name varchar;
        CREATE TABLE teams (id bigserial PRIMARY KEY, account_id bigint NOT NULL, name varchar);
        CREATE TABLE tags (id serial PRIMARY KEY, name varchar, taggings_count integer DEFAULT 0);
        CREATE TABLE taggings (id serial PRIMARY KEY, tag_id integer, taggable_type varchar, taggable_id integer,
            tagger_type varchar, tagger_id integer, context varchar(128), created_at timestamp);
        CREATE TABLE contacts (id serial PRIMARY KEY, account_id integer, name varchar, email varchar, phone_number varchar);
        CREATE TABLE messages (id serial PRIMARY KEY, conversation_id integer, content text);
        """

    /// Each list asked for, and the conversations (ids) it must hold in order; `count` is their number.
    public static let lists: [(arguments: [String], ids: [Int])] = [
        ([], [2, 5, 1, 17, 15, 16, 3, 4, 6, 7]),
        (["--channel", "Channel::Email"], [2, 1, 3]),
        (["--channel", "Channel::WebWidget"], [5, 17, 15, 16, 4, 6, 7]),
        (["--channel", "Channel::Voice"], []),
        (["--inbox", "3"], [6, 7]),
        (["--inbox", "2", "--status", "open"], [5, 15]),
        (["--team", "1"], [1, 3]),
        (["--team", "2"], [17, 15, 4, 6]),
        (["--team", "9"], [5]),
        (["--team", "none"], [2, 16, 7]),
        (["--agent", "1"], [1, 15, 4]),
        (["--agent", "2"], [17, 3, 7]),
        (["--agent", "7"], [5]),
        (["--agent", "none"], [2, 16, 6]),
        (["--label", "billing"], [1, 17, 4]),
        (["--label", "vip"], [1, 16, 3, 7]),
        (["--label", formulaLabel], [5]),
        (["--label", "none"], [2, 15, 6]),
        (["--status", "open"], [2, 5, 1, 15, 7]),
        (["--status", "resolved"], [16, 4]),
        (["--status", "pending"], [17, 3]),
        (["--status", "snoozed"], [6]),
        (["--channel", "Channel::WebWidget", "--team", "2", "--label", "none"], [15, 6]),
        (["--now"], [8, 2, 5, 1, 12, 17, 15, 3, 6, 7]),
        (["--now", "--unattended"], [8, 2, 5, 1, 12, 7]),
        (["--now", "--unassigned"], [2, 12]),
        (["--now", "--waiting"], [8, 2, 5, 1, 12]),
        (["--now", "--team", "1"], [8, 1, 3]),
        (["--now", "--status", "pending"], [17, 3]),
        (["--now", "--channel", "Channel::Email", "--unattended", "--unassigned"], [2, 12]),
        (["--now", "--label", "billing"], [8, 1, 17]),
    ]

    /// Each conversation's fields as a list shows them (SPEC 12), by id: display id, inbox id, inbox, channel type,
    /// status, assignee id and name, team id and name, labels.
    public static let fields: [Int: (display: Int, inbox: Int, inboxName: String, channelType: String, status: String,
                                     assigneeID: Int?, assignee: String?, teamID: Int?, team: String?, labels: [String])] = [
        1: (101, 1, hostileInbox, "Channel::Email", "open", 1, "Annie", 1, formulaTeam, ["billing", "vip"]),
        2: (102, 1, hostileInbox, "Channel::Email", "open", nil, nil, nil, nil, []),
        3: (103, 1, hostileInbox, "Channel::Email", "pending", 2, "Bob Agent", 1, formulaTeam, ["vip"]),
        4: (104, 2, formulaInbox, "Channel::WebWidget", "resolved", 1, "Annie", 2, quotedTeam, ["billing"]),
        5: (105, 2, formulaInbox, "Channel::WebWidget", "open", 7, "Agent #7 (deleted)", 9, "Team #9 (deleted)", [formulaLabel]),
        6: (106, 3, quotedInbox, "Channel::WebWidget", "snoozed", nil, nil, 2, quotedTeam, []),
        7: (107, 3, quotedInbox, "Channel::WebWidget", "open", 2, "Bob Agent", nil, nil, ["vip"]),
        8: (108, 1, hostileInbox, "Channel::Email", "open", 1, "Annie", 1, formulaTeam, ["billing"]),
        12: (112, 1, hostileInbox, "Channel::Email", "open", nil, nil, nil, nil, []),
        15: (115, 2, formulaInbox, "Channel::WebWidget", "open", 1, "Annie", 2, quotedTeam, []),
        16: (116, 2, formulaInbox, "Channel::WebWidget", "resolved", nil, nil, nil, nil, ["vip"]),
        17: (117, 2, formulaInbox, "Channel::WebWidget", "pending", 2, "Bob Agent", 2, quotedTeam, ["billing"]),
    ]

    /// created_at and waiting_since of a conversation, in whole seconds.
    public static func times(of id: Int) -> (created: Int64, waiting: Int64?) {
        let row = rows.first { $0.id == id }!
        return (seconds(row.created), row.waiting.map(seconds))
    }
}
