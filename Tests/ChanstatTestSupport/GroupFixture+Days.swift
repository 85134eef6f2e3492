import ChanstatCore

/// `GroupFixture`'s week day by day in Pacific/Honolulu (UTC-10 all year, far from UTC and from the test server's
/// New York): the range [2026-01-08 00:00, 2026-01-15 00:00) UTC is 2026-01-07 14:00 to 2026-01-14 14:00 there, 8
/// local days, the first and last partial. Counted by hand from the fixture's table:
///
///     id  created (UTC)        Honolulu          day  status    team          agent        labels
///      1  01-08 00:00:00       01-07 14:00       0    open      Billing       Alice        billing, vip
///      2  01-09 10:00:00       01-09 00:00       2    resolved  Billing       Bob          billing  (local midnight)
///      3  01-10 12:00:00       01-10 02:00       3    pending   Support       Alice        select
///      4  01-11 09:00:00       01-10 23:00       3    open      No team       Unassigned   No label (a UTC day later)
///      5  01-12 18:00:00       01-12 08:00       5    snoozed   Team #9 (del) Agent #13    vip (tagged twice: once)
///      6  01-14 23:59:59       01-14 13:59:59    7    resolved  Support       Alice        No label
///
/// (7 at `until`, 8 with its inbox gone, 9 of another account and 10 with status 7 count nowhere.) Each line is
/// `date name open/resolved/pending/snoozed`, the groups of a day by key (ids, then texts, then the none group), then
/// the day's `total`, counted once: on 01-07 the label rows hold 2, the total 1.
public extension GroupFixture {
    static let daysZone = "Pacific/Honolulu"

    static let days: [String: [String]] = [
        "channel": [
            "2026-01-07 Channel::WebWidget 1/0/0/0", "2026-01-07 total 1/0/0/0",
            "2026-01-08 total 0/0/0/0",
            "2026-01-09 Channel::WebWidget 0/1/0/0", "2026-01-09 total 0/1/0/0",
            "2026-01-10 Channel::Email 1/0/1/0", "2026-01-10 total 1/0/1/0",
            "2026-01-11 total 0/0/0/0",
            "2026-01-12 Channel::WebWidget 0/0/0/1", "2026-01-12 total 0/0/0/1",
            "2026-01-13 total 0/0/0/0",
            "2026-01-14 Channel::WebWidget 0/1/0/0", "2026-01-14 total 0/1/0/0",
        ],
        "team": [
            "2026-01-07 Billing 1/0/0/0", "2026-01-07 total 1/0/0/0",
            "2026-01-08 total 0/0/0/0",
            "2026-01-09 Billing 0/1/0/0", "2026-01-09 total 0/1/0/0",
            "2026-01-10 Support 0/0/1/0", "2026-01-10 No team 1/0/0/0", "2026-01-10 total 1/0/1/0",
            "2026-01-11 total 0/0/0/0",
            "2026-01-12 Team #9 (deleted) 0/0/0/1", "2026-01-12 total 0/0/0/1",
            "2026-01-13 total 0/0/0/0",
            "2026-01-14 Support 0/1/0/0", "2026-01-14 total 0/1/0/0",
        ],
        "agent": [
            "2026-01-07 Alice 1/0/0/0", "2026-01-07 total 1/0/0/0",
            "2026-01-08 total 0/0/0/0",
            "2026-01-09 Bob 0/1/0/0", "2026-01-09 total 0/1/0/0",
            "2026-01-10 Alice 0/0/1/0", "2026-01-10 Unassigned 1/0/0/0", "2026-01-10 total 1/0/1/0",
            "2026-01-11 total 0/0/0/0",
            "2026-01-12 Agent #13 (deleted) 0/0/0/1", "2026-01-12 total 0/0/0/1",
            "2026-01-13 total 0/0/0/0",
            "2026-01-14 Alice 0/1/0/0", "2026-01-14 total 0/1/0/0",
        ],
        "label": [
            "2026-01-07 billing 1/0/0/0", "2026-01-07 vip 1/0/0/0", "2026-01-07 total 1/0/0/0",
            "2026-01-08 total 0/0/0/0",
            "2026-01-09 billing 0/1/0/0", "2026-01-09 total 0/1/0/0",
            "2026-01-10 select 0/0/1/0", "2026-01-10 No label 1/0/0/0", "2026-01-10 total 1/0/1/0",
            "2026-01-11 total 0/0/0/0",
            "2026-01-12 vip 0/0/0/1", "2026-01-12 total 0/0/0/1",
            "2026-01-13 total 0/0/0/0",
            "2026-01-14 No label 0/1/0/0", "2026-01-14 total 0/1/0/0",
        ],
    ]
}

public extension DailyReport {
    /// `GroupFixture.days`'s lines: per day its groups by key, then its total.
    var fixtureLines: [String] {
        days.days.indices.flatMap { index in
            func line(_ name: String, _ c: ChannelCounts?) -> String {
                "\(days.days[index].date) \(name) " + (c.map { "\($0.open)/\($0.resolved)/\($0.pending)/\($0.snoozed)" } ?? "overflow")
            }
            return groups[index].values.sorted { $0.key < $1.key }.map { line($0.name, $0.counts) }
                + [line("total", total(day: index))]
        }
    }
}
