/// One account's conversations around New York's change back from daylight-saving time (2026-11-01, a 25-hour
/// day: 02:00 EDT became 01:00 EST), as SQL both databases run, and what `report --by day` must print for them in
/// America/New_York, worked out by hand from docs/report.md's rules:
///
///     created_at (UTC)       New York             day          counted as
///     2026-10-31 03:59:59    10-30 23:59:59 EDT   before the range
///     2026-10-31 04:00:00    10-31 00:00 EDT      2026-10-31   Website open
///     2026-11-01 03:59:59    10-31 23:59:59 EDT   2026-10-31   Email resolved
///     2026-11-01 04:00:00    11-01 00:00 EDT      2026-11-01   Website pending
///     2026-11-01 06:30:00    11-01 01:30 EST      2026-11-01   Email open (the second 01:30)
///     2026-11-02 04:30:00    11-01 23:30 EST      2026-11-01   Website snoozed (a fixed UTC-4 would say 11-02)
///     2026-11-02 05:00:00    11-02 00:00 EST      2026-11-02   Email open
///     2026-11-03 04:59:59    11-02 23:59:59 EST   2026-11-02   Website resolved
///     (nothing on 2026-11-03)                     2026-11-03   {}
///     2026-11-04 05:00:00    11-04 00:00 EST      after the range
///
/// plus another account's conversation and a status-7 one on 11-01, which count nowhere.
public enum DayFixture {
    public static let zone = "America/New_York"
    /// `report --account 1 --timezone America/New_York --since 2026-10-31 --until 2026-11-03` (four days).
    public static let arguments = ["--account", "1", "--timezone", zone, "--since", "2026-10-31", "--until", "2026-11-03"]

    public static let inserts = """
        INSERT INTO accounts (id, name) VALUES (1, 'Acme'), (2, 'Other');
        INSERT INTO inboxes (id, account_id, name, channel_type) VALUES
            (1, 1, 'Site', 'Channel::WebWidget'), (2, 1, 'Help widget', 'Channel::WebWidget'),
            (3, 1, 'Mail', 'Channel::Email'), (5, 2, 'Other mail', 'Channel::Email');
        INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES
            (1, 1, 0, '2026-10-31 03:59:59'), (1, 1, 0, '2026-10-31 04:00:00'), (1, 3, 1, '2026-11-01 03:59:59'),
            (1, 1, 2, '2026-11-01 04:00:00'), (1, 3, 0, '2026-11-01 06:30:00'), (1, 2, 3, '2026-11-02 04:30:00'),
            (1, 3, 0, '2026-11-02 05:00:00'), (1, 1, 1, '2026-11-03 04:59:59'), (1, 1, 0, '2026-11-04 05:00:00'),
            (2, 5, 0, '2026-11-01 12:00:00'), (1, 3, 7, '2026-11-01 12:00:00');
        """

    public static let json = """
        {"2026-10-31":{"Channel::Email":{"open":0,"resolved":1,"pending":0,"snoozed":0,"total":1},\
        "Channel::WebWidget":{"open":1,"resolved":0,"pending":0,"snoozed":0,"total":1}},\
        "2026-11-01":{"Channel::Email":{"open":1,"resolved":0,"pending":0,"snoozed":0,"total":1},\
        "Channel::WebWidget":{"open":0,"resolved":0,"pending":1,"snoozed":1,"total":2}},\
        "2026-11-02":{"Channel::Email":{"open":1,"resolved":0,"pending":0,"snoozed":0,"total":1},\
        "Channel::WebWidget":{"open":0,"resolved":1,"pending":0,"snoozed":0,"total":1}},\
        "2026-11-03":{}}

        """

    public static let csv = """
        day,channel_type,label,open,resolved,pending,snoozed,total
        2026-10-31,Channel::Email,Email,0,1,0,0,1
        2026-10-31,Channel::WebWidget,Website,1,0,0,0,1
        2026-11-01,Channel::Email,Email,1,0,0,0,1
        2026-11-01,Channel::WebWidget,Website,0,0,1,1,2
        2026-11-02,Channel::Email,Email,1,0,0,0,1
        2026-11-02,Channel::WebWidget,Website,0,1,0,0,1

        """

    /// The table after its two heading lines and the blank line: bars relative to 11-01's 3 conversations.
    public static let table = """
        Day         Open  Pending  Snoozed  Resolved  Total
        2026-10-31     1        0        0         1      2  #######------
        2026-11-01     1        1        1         0      3  #######=======~~~~~~
        2026-11-02     1        0        0         1      2  #######------
        2026-11-03     0        0        0         0      0
        ---------------------------------------------------
        Total          3        1        1         2      7

        Bars: # Open  = Pending  ~ Snoozed  - Resolved

        """

    /// Each format and its exact output.
    public static var outputs: [(arguments: [String], expected: String)] {
        [(["--by", "day", "--format", "json"], json), (["--by", "day", "--format", "csv"], csv)]
    }
}
