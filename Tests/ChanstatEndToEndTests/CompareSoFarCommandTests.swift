import ChanstatTestSupport
import Foundation
import Testing

/// `report --compare` on ranges that end after now, through the real binary (which reads the system clock, so the
/// fixture is built around now): only the part lived is compared, the previous period for the same seconds from
/// its own start, and JSON's `range` and `previous` carry the cut bounds. The range's zone is a fixed offset chosen
/// so that it is about noon there: half a day lived, half a day cut, whenever the test runs.
@Suite(.serialized) struct CompareSoFarCommandTests {
    /// Seconds east of UTC of the zone where it is about noon now, and the zone's name (Etc/GMT's sign is POSIX's).
    static func noonZone(now: Int64) -> (offset: Int64, name: String) {
        var hours = 12 - (now % 86_400) / 3600
        if hours > 14 { hours -= 24 }
        if hours < -11 { hours += 24 }
        return (hours * 3600, hours == 0 ? "UTC" : hours > 0 ? "Etc/GMT-\(hours)" : "Etc/GMT+\(-hours)")
    }

    struct Periods: Equatable {
        var range: [String: Int64], previous: [String: Int64], now: [String: Int64], before: [String: Int64]
    }

    static func periods(_ json: String) throws -> Periods {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let channels = try #require(object["channels"] as? [String: [String: [String: Int64]]])
        let email = try #require(channels["Channel::Email"])
        return Periods(range: try #require(object["range"] as? [String: Int64]),
                       previous: try #require(object["previous"] as? [String: Int64]),
                       now: try #require(email["now"]), before: try #require(email["before"]))
    }

    @Test func todayAndSevenDaysAreComparedSoFar() throws {
        let started = Int64(Date().timeIntervalSince1970)
        let zone = Self.noonZone(now: started)
        let midnight = (started + zone.offset) / 86_400 * 86_400 - zone.offset   // today's, in the zone
        let day: Int64 = 86_400
        // (status, created_at): comments say which period counts each, for today and for 7d.
        let conversations: [(Int, Int64)] = [
            (0, midnight + 60),                   // today now; 7d now
            (1, started - 600),                   // today now; 7d now
            (0, midnight - day + 60),             // today before (yesterday, before the same clock time); 7d now
            (2, started - day - 600),             // today before; 7d now
            (0, started - day + 3600),            // yesterday after the same clock time: nowhere today; 7d now
            (3, midnight - 13 * day + 60),        // 7d before (the previous 7 days, early)
            (0, started - 7 * day + 3600),        // the previous 7 days after the cut: nowhere
        ]
        let rows = conversations.map { "(1, 1, \($0.0), '\(RailsTime.text($0.1))')" }.joined(separator: ",\n")
        let (directory, path) = try FixtureFile.make(name: "so-far", sql: """
            INSERT INTO accounts (id, name) VALUES (1, 'Acme');
            INSERT INTO inboxes (id, account_id, name, channel_type) VALUES (1, 1, 'Mail', 'Channel::Email');
            INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES \(rows);
            """)
        defer { try? FileManager.default.removeItem(at: directory) }

        func compare(_ preset: String, _ format: String) throws -> (ProcessResult, ClosedRange<Int64>) {
            let before = Int64(Date().timeIntervalSince1970)
            let run = try ChanstatBinary.run(["report", "--db", path, "--account", "1", "--range", preset,
                                              "--timezone", zone.name, "--compare", "--format", format])
            return (run, before...Int64(Date().timeIntervalSince1970))
        }

        let (today, todayClock) = try compare("today", "json")
        #expect(today.status == 0, "\(today.stderr)")
        let cut = try Self.periods(today.stdout)
        #expect(cut.range["since"] == midnight)
        #expect(todayClock.contains(cut.range["until"] ?? 0), "the range runs to the binary's now, not to midnight")
        let lived = (cut.range["until"] ?? 0) - midnight
        #expect(cut.previous == ["since": midnight - day, "until": midnight - day + lived])
        #expect(cut.now == ["open": 1, "resolved": 1, "pending": 0, "snoozed": 0, "total": 2])
        #expect(cut.before == ["open": 1, "resolved": 0, "pending": 1, "snoozed": 0, "total": 2])

        let (week, weekClock) = try compare("7d", "json")
        #expect(week.status == 0, "\(week.stderr)")
        let weekCut = try Self.periods(week.stdout)
        #expect(weekCut.range["since"] == midnight - 6 * day)
        #expect(weekClock.contains(weekCut.range["until"] ?? 0))
        let weekLived = (weekCut.range["until"] ?? 0) - (midnight - 6 * day)
        #expect(weekCut.previous == ["since": midnight - 13 * day, "until": midnight - 13 * day + weekLived])
        #expect(weekCut.now == ["open": 3, "resolved": 1, "pending": 1, "snoozed": 0, "total": 5])
        #expect(weekCut.before == ["open": 0, "resolved": 0, "pending": 0, "snoozed": 1, "total": 1])

        // The table says so, and says what a status's change mostly is.
        let (table, _) = try compare("today", "table")
        #expect(table.status == 0, "\(table.stderr)")
        let heading = table.stdout.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        #expect(heading.hasPrefix("Today: ") && heading.contains(" so far, compared with "), "\(heading)")
        #expect(table.stdout.hasSuffix("\nStatus changes are mostly age: the older period has had longer to be resolved.\n"))
    }
}

/// `report --since 20261101 --until 20261110` was nine seconds of 1970 without a word: now exit 2 and the sentence.
@Suite struct DateWithoutDashesCommandTests {
    @Test(arguments: [(["--since", "20261101", "--until", "20261110"], "since", "2026-11-01"),
                      (["--since", "2026-11-01", "--until", "20261110"], "until", "2026-11-10")])
    func anEightDigitDateIsRefused(range: [String], field: String, date: String) throws {
        let run = try ChanstatBinary.run(["report", "--demo", "--utc", "--format", "json"] + range)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "chanstat: \(field) \"\(range[field == "since" ? 1 : 3])\" is not taken as Unix seconds "
                + "(a moment in 1970): a date without dashes? write \(date)\n")
    }
}
