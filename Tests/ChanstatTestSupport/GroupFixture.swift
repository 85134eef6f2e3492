import Foundation

/// One account's conversations by team, agent and label in a week and the week before, as SQL for both databases
/// (SQLite: SPEC 2's whole shape written here, `created_at` in both forms; PostgreSQL: Chatwoot's optional tables
/// and columns added to `ChatwootDatabase`'s), and what `report --by team|agent|label` must print, counted by hand:
///
///     id  week       status    team             assignee                 labels (Conversation, 'labels')
///      1  this       open      1 Billing        11 Alice (name Alice Smith)  billing, vip
///      2  this       resolved  1 Billing        12 Bob (display_name '')     billing
///      3  this       pending   2 Support        11 Alice                     select
///      4  this       open      none             none                         none
///      5  this       snoozed   9 (row gone)     13 (row gone)                vip, vip again (one tag, two rows)
///      6  this       resolved  2 Support        11 Alice                     none (a Contact's tagging and a
///                                                                             'skills' one are not labels)
///      7  until      open      1                11                           -- at `until`: not counted
///      8  this       open      1                11                           billing -- inbox 99 is gone
///      9  this       open      (account 2)                                   -- another account
///     10  this       status 7  1                11                           vip -- counts nowhere
///     11  before     resolved  1 Billing        12 Bob                       billing
///     12  before     open      2 Support        none                         none
///     13  before     resolved  none             11 Alice                     select
///     14  before     pending   3 Sales          none                         old-topic
///
/// Totals this week: open 2 (1, 4), resolved 2 (2, 6), pending 1 (3), snoozed 1 (5): 6. By label the rows hold 7
/// (conversation 1 twice), the total still 6. The week before: open 1, resolved 2, pending 1: 4.
public enum GroupFixture {
    public static let since: Int64 = 1_767_830_400       // 2026-01-08 00:00:00 UTC
    public static let until: Int64 = since + 7 * 86_400  // 2026-01-15 00:00:00 UTC
    public static let previousSince: Int64 = since - 7 * 86_400

    /// `report --account 1 --since SINCE --until UNTIL` and these.
    public static let arguments = ["--account", "1", "--since", String(since), "--until", String(until)]

    /// (id, account, inbox, status, created_at as UTC text, team_id, assignee_id)
    static let conversations: [(Int, Int, Int, Int, String, Int?, Int?)] = [
        (1, 1, 1, 0, "2026-01-08 00:00:00", 1, 11), (2, 1, 1, 1, "2026-01-09 10:00:00", 1, 12),
        (3, 1, 2, 2, "2026-01-10 12:00:00", 2, 11), (4, 1, 2, 0, "2026-01-11 09:00:00", nil, nil),
        (5, 1, 1, 3, "2026-01-12 18:00:00", 9, 13), (6, 1, 1, 1, "2026-01-14 23:59:59", 2, 11),
        (7, 1, 1, 0, "2026-01-15 00:00:00", 1, 11), (8, 1, 99, 0, "2026-01-09 08:00:00", 1, 11),
        (9, 2, 3, 0, "2026-01-09 08:00:00", nil, nil), (10, 1, 1, 7, "2026-01-10 08:00:00", 1, 11),
        (11, 1, 1, 1, "2026-01-01 00:00:00", 1, 12), (12, 1, 2, 0, "2026-01-07 23:59:59", 2, nil),
        (13, 1, 1, 1, "2026-01-05 10:00:00", nil, 11), (14, 1, 1, 2, "2026-01-03 10:00:00", 3, nil),
    ]

    static let rows = """
        INSERT INTO accounts (id, name) VALUES (1, 'Acme'), (2, 'Other');
        INSERT INTO inboxes (id, account_id, name, channel_type) VALUES
            (1, 1, 'Site', 'Channel::WebWidget'), (2, 1, 'Mail', 'Channel::Email'), (3, 2, 'Other mail', 'Channel::Email');
        INSERT INTO teams (id, account_id, name) VALUES (1, 1, 'Billing'), (2, 1, 'Support'), (3, 1, 'Sales');
        INSERT INTO users (id, name, display_name) VALUES (11, 'Alice Smith', 'Alice'), (12, 'Bob', '');
        INSERT INTO tags (id, name) VALUES (1, 'billing'), (2, 'select'), (3, 'vip'), (4, 'old-topic');
        INSERT INTO taggings (tag_id, taggable_type, taggable_id, context) VALUES
            (1, 'Conversation', 1, 'labels'), (3, 'Conversation', 1, 'labels'), (1, 'Conversation', 2, 'labels'),
            (2, 'Conversation', 3, 'labels'), (3, 'Conversation', 5, 'labels'), (3, 'Conversation', 5, 'labels'),
            (1, 'Contact', 6, 'labels'), (3, 'Conversation', 6, 'skills'), (1, 'Conversation', 8, 'labels'),
            (3, 'Conversation', 10, 'labels'), (1, 'Conversation', 11, 'labels'), (2, 'Conversation', 13, 'labels'),
            (4, 'Conversation', 14, 'labels');
        """

    /// Rails' UTC text as Unix seconds, by Foundation (not by the code under test).
    static func unixSeconds(_ text: String) -> Int64 {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return Int64(formatter.date(from: text)!.timeIntervalSince1970)
    }

    static func conversationRows(unixSecondsForEven: Bool) -> String {
        let values = conversations.map { id, account, inbox, status, created, team, assignee in
            let createdAt = unixSecondsForEven && id % 2 == 0 ? String(unixSeconds(created)) : "'\(created)'"
            return "(\(id), \(account), \(inbox), \(status), \(createdAt), \(team.map(String.init) ?? "NULL"), "
                + "\(assignee.map(String.init) ?? "NULL"))"
        }
        return "INSERT INTO conversations (id, account_id, inbox_id, status, created_at, team_id, assignee_id) VALUES "
            + values.joined(separator: ", ") + ";\n"
    }

    /// A SQLite file of SPEC 2's whole shape, optional tables and columns included; even conversations' `created_at`
    /// in Unix seconds, odd ones as Rails' UTC text (a file may mix both forms).
    public static let sqlite = FullShapeSQLite.ddl + rows + conversationRows(unixSecondsForEven: true)

    /// A file of the shape before SPEC 2's optional part: every channel view works, no group view.
    public static let oldShapeSQLite = """
        CREATE TABLE accounts      (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE inboxes       (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL,
                                    channel_type TEXT NOT NULL);
        CREATE TABLE conversations (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, inbox_id INTEGER NOT NULL,
                                    status INTEGER NOT NULL DEFAULT 0, created_at NOT NULL);
        INSERT INTO accounts (id, name) VALUES (1, 'Acme');
        INSERT INTO inboxes (id, account_id, name, channel_type) VALUES (1, 1, 'Site', 'Channel::WebWidget');
        INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, 1, 0, '2026-01-09 10:00:00');
        """

    /// Chatwoot's optional tables and columns (types as its db/schema.rb), on top of `ChatwootDatabase.ddl`, and
    /// the rows.
    public static let postgres = """
        ALTER TABLE conversations ADD COLUMN team_id bigint;
        ALTER TABLE users ADD COLUMN display_name varchar;
        CREATE TABLE teams (id bigserial PRIMARY KEY, name varchar NOT NULL, description text,
            allow_auto_assign boolean DEFAULT true, account_id bigint NOT NULL);
        CREATE TABLE tags (id serial PRIMARY KEY, name varchar, taggings_count integer DEFAULT 0);
        CREATE TABLE taggings (id serial PRIMARY KEY, tag_id integer, taggable_type varchar, taggable_id integer,
            tagger_type varchar, tagger_id integer, context varchar(128), created_at timestamp);
        """ + rows + conversationRows(unixSecondsForEven: false)

    static let range = "\"range\":{\"since\":1767830400,\"until\":1768435200}"
    static let previous = "\"previous\":{\"since\":1767225600,\"until\":1767830400}"

    /// Each breakdown, format and `--compare`, and the exact output.
    public static var outputs: [(arguments: [String], expected: String)] {
        [(["--by", "team", "--format", "json"], teamJSON), (["--by", "team", "--format", "csv"], teamCSV),
         (["--by", "team", "--compare", "--format", "json"], teamCompareJSON),
         (["--by", "team", "--compare", "--format", "csv"], teamCompareCSV),
         (["--by", "agent", "--format", "json"], agentJSON), (["--by", "agent", "--format", "csv"], agentCSV),
         (["--by", "agent", "--compare", "--format", "json"], agentCompareJSON),
         (["--by", "agent", "--compare", "--format", "csv"], agentCompareCSV),
         (["--by", "label", "--format", "json"], labelJSON), (["--by", "label", "--format", "csv"], labelCSV),
         (["--by", "label", "--compare", "--format", "json"], labelCompareJSON),
         (["--by", "label", "--compare", "--format", "csv"], labelCompareCSV)]
    }

    public static let teamJSON = """
        {\(range),"by":"team","groups":[\
        {"key":1,"name":"Billing","open":1,"resolved":1,"pending":0,"snoozed":0,"total":2},\
        {"key":2,"name":"Support","open":0,"resolved":1,"pending":1,"snoozed":0,"total":2},\
        {"key":null,"name":"No team","open":1,"resolved":0,"pending":0,"snoozed":0,"total":1},\
        {"key":9,"name":"Team #9 (deleted)","open":0,"resolved":0,"pending":0,"snoozed":1,"total":1}],\
        "total":{"open":2,"resolved":2,"pending":1,"snoozed":1,"total":6}}

        """

    public static let teamCSV = """
        group_key,group_name,open,resolved,pending,snoozed,total
        1,Billing,1,1,0,0,2
        2,Support,0,1,1,0,2
        ,No team,1,0,0,0,1
        9,Team #9 (deleted),0,0,0,1,1

        """

    public static let teamCompareJSON = """
        {\(range),\(previous),"by":"team","groups":[\
        {"key":1,"name":"Billing","now":{"open":1,"resolved":1,"pending":0,"snoozed":0,"total":2},\
        "before":{"open":0,"resolved":1,"pending":0,"snoozed":0,"total":1}},\
        {"key":2,"name":"Support","now":{"open":0,"resolved":1,"pending":1,"snoozed":0,"total":2},\
        "before":{"open":1,"resolved":0,"pending":0,"snoozed":0,"total":1}},\
        {"key":null,"name":"No team","now":{"open":1,"resolved":0,"pending":0,"snoozed":0,"total":1},\
        "before":{"open":0,"resolved":1,"pending":0,"snoozed":0,"total":1}},\
        {"key":9,"name":"Team #9 (deleted)","now":{"open":0,"resolved":0,"pending":0,"snoozed":1,"total":1},\
        "before":{"open":0,"resolved":0,"pending":0,"snoozed":0,"total":0}},\
        {"key":3,"name":"Sales","now":{"open":0,"resolved":0,"pending":0,"snoozed":0,"total":0},\
        "before":{"open":0,"resolved":0,"pending":1,"snoozed":0,"total":1}}],\
        "total":{"now":{"open":2,"resolved":2,"pending":1,"snoozed":1,"total":6},\
        "before":{"open":1,"resolved":2,"pending":1,"snoozed":0,"total":4}}}

        """

    static let changeHeader = "group_key,group_name,open,resolved,pending,snoozed,total,open_change,resolved_change,"
        + "pending_change,snoozed_change,total_change,total_change_percent"

    public static let teamCompareCSV = """
        \(changeHeader)
        1,Billing,1,1,0,0,2,+1,0,0,0,+1,+100%
        2,Support,0,1,1,0,2,-1,+1,+1,0,+1,+100%
        ,No team,1,0,0,0,1,+1,-1,0,0,0,0%
        9,Team #9 (deleted),0,0,0,1,1,0,0,0,+1,+1,new
        3,Sales,0,0,0,0,0,0,0,-1,0,-1,-100%

        """

    public static let agentJSON = """
        {\(range),"by":"agent","groups":[\
        {"key":11,"name":"Alice","open":1,"resolved":1,"pending":1,"snoozed":0,"total":3},\
        {"key":13,"name":"Agent #13 (deleted)","open":0,"resolved":0,"pending":0,"snoozed":1,"total":1},\
        {"key":12,"name":"Bob","open":0,"resolved":1,"pending":0,"snoozed":0,"total":1},\
        {"key":null,"name":"Unassigned","open":1,"resolved":0,"pending":0,"snoozed":0,"total":1}],\
        "total":{"open":2,"resolved":2,"pending":1,"snoozed":1,"total":6}}

        """

    public static let agentCSV = """
        group_key,group_name,open,resolved,pending,snoozed,total
        11,Alice,1,1,1,0,3
        13,Agent #13 (deleted),0,0,0,1,1
        12,Bob,0,1,0,0,1
        ,Unassigned,1,0,0,0,1

        """

    public static let agentCompareJSON = """
        {\(range),\(previous),"by":"agent","groups":[\
        {"key":11,"name":"Alice","now":{"open":1,"resolved":1,"pending":1,"snoozed":0,"total":3},\
        "before":{"open":0,"resolved":1,"pending":0,"snoozed":0,"total":1}},\
        {"key":13,"name":"Agent #13 (deleted)","now":{"open":0,"resolved":0,"pending":0,"snoozed":1,"total":1},\
        "before":{"open":0,"resolved":0,"pending":0,"snoozed":0,"total":0}},\
        {"key":12,"name":"Bob","now":{"open":0,"resolved":1,"pending":0,"snoozed":0,"total":1},\
        "before":{"open":0,"resolved":1,"pending":0,"snoozed":0,"total":1}},\
        {"key":null,"name":"Unassigned","now":{"open":1,"resolved":0,"pending":0,"snoozed":0,"total":1},\
        "before":{"open":1,"resolved":0,"pending":1,"snoozed":0,"total":2}}],\
        "total":{"now":{"open":2,"resolved":2,"pending":1,"snoozed":1,"total":6},\
        "before":{"open":1,"resolved":2,"pending":1,"snoozed":0,"total":4}}}

        """

    public static let agentCompareCSV = """
        \(changeHeader)
        11,Alice,1,1,1,0,3,+1,0,+1,0,+2,+200%
        13,Agent #13 (deleted),0,0,0,1,1,0,0,0,+1,+1,new
        12,Bob,0,1,0,0,1,0,0,0,0,0,0%
        ,Unassigned,1,0,0,0,1,0,0,-1,0,-1,-50%

        """

    public static let labelJSON = """
        {\(range),"by":"label","groups":[\
        {"key":"billing","name":"billing","open":1,"resolved":1,"pending":0,"snoozed":0,"total":2},\
        {"key":null,"name":"No label","open":1,"resolved":1,"pending":0,"snoozed":0,"total":2},\
        {"key":"vip","name":"vip","open":1,"resolved":0,"pending":0,"snoozed":1,"total":2},\
        {"key":"select","name":"select","open":0,"resolved":0,"pending":1,"snoozed":0,"total":1}],\
        "total":{"open":2,"resolved":2,"pending":1,"snoozed":1,"total":6}}

        """

    public static let labelCSV = """
        group_key,group_name,open,resolved,pending,snoozed,total
        billing,billing,1,1,0,0,2
        ,No label,1,1,0,0,2
        vip,vip,1,0,0,1,2
        select,select,0,0,1,0,1

        """

    public static let labelCompareJSON = """
        {\(range),\(previous),"by":"label","groups":[\
        {"key":"billing","name":"billing","now":{"open":1,"resolved":1,"pending":0,"snoozed":0,"total":2},\
        "before":{"open":0,"resolved":1,"pending":0,"snoozed":0,"total":1}},\
        {"key":null,"name":"No label","now":{"open":1,"resolved":1,"pending":0,"snoozed":0,"total":2},\
        "before":{"open":1,"resolved":0,"pending":0,"snoozed":0,"total":1}},\
        {"key":"vip","name":"vip","now":{"open":1,"resolved":0,"pending":0,"snoozed":1,"total":2},\
        "before":{"open":0,"resolved":0,"pending":0,"snoozed":0,"total":0}},\
        {"key":"select","name":"select","now":{"open":0,"resolved":0,"pending":1,"snoozed":0,"total":1},\
        "before":{"open":0,"resolved":1,"pending":0,"snoozed":0,"total":1}},\
        {"key":"old-topic","name":"old-topic","now":{"open":0,"resolved":0,"pending":0,"snoozed":0,"total":0},\
        "before":{"open":0,"resolved":0,"pending":1,"snoozed":0,"total":1}}],\
        "total":{"now":{"open":2,"resolved":2,"pending":1,"snoozed":1,"total":6},\
        "before":{"open":1,"resolved":2,"pending":1,"snoozed":0,"total":4}}}

        """

    public static let labelCompareCSV = """
        \(changeHeader)
        billing,billing,1,1,0,0,2,+1,0,0,0,+1,+100%
        ,No label,1,1,0,0,2,0,+1,0,0,+1,+100%
        vip,vip,1,0,0,1,2,+1,0,0,+1,+2,new
        select,select,0,0,1,0,1,0,-1,+1,0,0,0%
        old-topic,old-topic,0,0,0,0,0,0,0,-1,0,-1,-100%

        """

    /// `--by label` as a table: the rows hold 7, the totals row 6, and the note says why.
    public static let labelTable = """
        Label     Open  Pending  Snoozed  Resolved  Total
        billing      1        0        0         1      2
        No label     1        0        0         1      2
        vip          1        0        1         0      2
        select       0        1        0         0      1
        -------------------------------------------------
        Total        2        1        1         2      6

        Label rows overlap: a conversation with two labels counts under both; the totals row counts it once.

        """
}
