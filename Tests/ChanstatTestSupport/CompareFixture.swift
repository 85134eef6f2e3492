/// One account's conversations in a week and the week before, as SQL both databases run (SQLite with
/// `ChatwootSchema.ddl`, PostgreSQL with Chatwoot's tables), and what `report --compare` and `--by inbox` must
/// print for them, counted by hand:
///
///     this week (2026-01-08 to 2026-01-14)        the week before (2026-01-01 to 2026-01-07)
///     Website  Site 2 open, Help widget 1 pending  Website  Site 1 resolved, Help widget 1 snoozed
///     Email    Mail 1 open, 2 resolved             Email    Mail 1 open
///                                                  Voice    Phone 1 open
///
/// Account 2 has a conversation in the week (never counted), and one conversation has status 7 (nowhere).
public enum CompareFixture {
    public static let since: Int64 = 1_767_830_400       // 2026-01-08 00:00:00 UTC
    public static let until: Int64 = since + 7 * 86_400  // 2026-01-15 00:00:00 UTC
    public static let previousSince: Int64 = since - 7 * 86_400

    public static let inserts = """
        INSERT INTO accounts (id, name) VALUES (1, 'Acme'), (2, 'Other');
        INSERT INTO inboxes (id, account_id, name, channel_type) VALUES
            (1, 1, 'Site', 'Channel::WebWidget'), (2, 1, 'Help widget', 'Channel::WebWidget'),
            (3, 1, 'Mail', 'Channel::Email'), (4, 1, 'Phone', 'Channel::Voice'), (5, 2, 'Other mail', 'Channel::Email');
        INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES
            (1, 1, 0, '2026-01-08 00:00:00'), (1, 1, 0, '2026-01-14 23:59:59'), (1, 2, 2, '2026-01-10 12:00:00'),
            (1, 3, 1, '2026-01-09 08:00:00'), (1, 3, 1, '2026-01-09 09:00:00'), (1, 3, 0, '2026-01-11 10:00:00'),
            (1, 3, 7, '2026-01-11 10:00:00'), (2, 5, 0, '2026-01-09 08:00:00'),
            (1, 1, 1, '2026-01-01 00:00:00'), (1, 2, 3, '2026-01-05 12:00:00'), (1, 3, 0, '2026-01-07 23:59:59'),
            (1, 4, 0, '2026-01-03 10:00:00'), (1, 1, 0, '2025-12-31 23:59:59');
        """

    /// `report --account 1 --since SINCE --until UNTIL` and these, with `--format …`.
    public static let arguments = ["--account", "1", "--since", String(since), "--until", String(until)]

    /// Each way of asking and the exact output it must give, for every source that has inbox rows.
    public static var outputs: [(arguments: [String], expected: String)] {
        [(["--compare", "--format", "json"], comparisonJSON), (["--compare", "--format", "csv"], comparisonCSV),
         (["--by", "inbox", "--format", "json"], inboxJSON), (["--by", "inbox", "--format", "csv"], inboxCSV)]
    }

    public static let comparisonJSON = """
        {"range":{"since":1767830400,"until":1768435200},"previous":{"since":1767225600,"until":1767830400},\
        "channels":{"Channel::Email":{"now":{"open":1,"resolved":2,"pending":0,"snoozed":0,"total":3},\
        "before":{"open":1,"resolved":0,"pending":0,"snoozed":0,"total":1}},\
        "Channel::Voice":{"now":{"open":0,"resolved":0,"pending":0,"snoozed":0,"total":0},\
        "before":{"open":1,"resolved":0,"pending":0,"snoozed":0,"total":1}},\
        "Channel::WebWidget":{"now":{"open":2,"resolved":0,"pending":1,"snoozed":0,"total":3},\
        "before":{"open":0,"resolved":1,"pending":0,"snoozed":1,"total":2}}}}

        """

    public static let comparisonCSV = """
        channel_type,label,open,resolved,pending,snoozed,total,open_change,resolved_change,pending_change,snoozed_change,total_change,total_change_percent
        Channel::Email,Email,1,2,0,0,3,0,+2,0,0,+2,+200%
        Channel::Voice,Voice,0,0,0,0,0,-1,0,0,0,-1,-100%
        Channel::WebWidget,Website,2,0,1,0,3,+2,-1,+1,-1,+1,+50%

        """

    public static let comparisonTable = """
        Channel  Open  +/-  Pending  +/-  Snoozed  +/-  Resolved  +/-  Total  +/-      %
        Email       1    0        0    0        0    0         2   +2      3   +2  +200%
        Website     2   +2        1   +1        0   -1         0   -1      3   +1   +50%
        Voice       0   -1        0    0        0    0         0    0      0   -1  -100%
        --------------------------------------------------------------------------------
        Total       3   +1        1   +1        0   -1         2   +1      6   +2   +50%

        Status changes are mostly age: the older period has had longer to be resolved.

        """

    public static let inboxJSON = """
        {"Channel::Email":{"inboxes":{"3":{"name":"Mail","open":1,"resolved":2,"pending":0,"snoozed":0,"total":3}},\
        "open":1,"resolved":2,"pending":0,"snoozed":0,"total":3},\
        "Channel::WebWidget":{"inboxes":{"1":{"name":"Site","open":2,"resolved":0,"pending":0,"snoozed":0,"total":2},\
        "2":{"name":"Help widget","open":0,"resolved":0,"pending":1,"snoozed":0,"total":1}},\
        "open":2,"resolved":0,"pending":1,"snoozed":0,"total":3}}

        """

    public static let inboxCSV = """
        channel_type,label,inbox_id,inbox_name,open,resolved,pending,snoozed,total
        Channel::Email,Email,3,Mail,1,2,0,0,3
        Channel::WebWidget,Website,1,Site,2,0,0,0,2
        Channel::WebWidget,Website,2,Help widget,0,0,1,0,1

        """

    public static let inboxTable = """
        Channel  Inbox        Open  Pending  Snoozed  Resolved  Total
        Email    Mail            1        0        0         2      3
        Website  Site            2        0        0         0      2
        Website  Help widget     0        1        0         0      1
        -------------------------------------------------------------
        Total                    3        1        0         2      6

        """
}
