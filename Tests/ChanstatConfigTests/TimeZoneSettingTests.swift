import ChanstatConfig
import ChanstatCore
import Testing

/// The profile key `timezone`, and where the zone comes from: `--timezone`/`--utc` > profile > the local
/// zone (`$TZ`, else the machine's).
@Suite struct TimeZoneSettingTests {
    static let config = ConfigDocument(profiles: ["berlin": Profile(db: "/srv/c.sqlite", timezone: "Europe/Berlin")])

    func resolve(profile: String?, zone: String? = nil, environment: [String: String] = ["TZ": "Asia/Tokyo"]) throws -> Settings {
        var flags = CommandLineSettings()
        flags.profile = profile
        flags.timeZone = zone
        return try SettingsResolver.resolve(flags, environment: environment, config: Self.config,
                                            configPath: "/cfg/config.toml")
    }

    @Test func aProfileReadsTimezone() throws {
        let document = try ConfigDocument.parse("[profiles.p]\ndb = \"/c.sqlite\"\ntimezone = \"Asia/Tokyo\"\n", file: "c.toml")
        #expect(document.profiles["p"] == Profile(db: "/c.sqlite", timezone: "Asia/Tokyo"))
    }

    @Test func anUnknownZoneInAProfileNamesItAndItsLine() {
        #expect(throws: ConfigError(file: "c.toml", line: 3, problem: "profiles.p.timezone: unknown time zone "
                                    + "\"Mars/Olympus\": use an IANA name such as Europe/Berlin or UTC (the names under /usr/share/zoneinfo)")) {
            try ConfigDocument.parse("[profiles.p]\ndb = \"/c.sqlite\"\ntimezone = \"Mars/Olympus\"\n", file: "c.toml")
        }
    }

    @Test func theFlagBeatsTheProfileWhichBeatsTZ() throws {
        #expect(try resolve(profile: "berlin", zone: "UTC").timeZone == "UTC")
        #expect(try resolve(profile: "berlin").timeZone == "Europe/Berlin")
        #expect(try resolve(profile: "berlin").calendar.timeZone.identifier == "Europe/Berlin")
        // Nothing chosen: nil, the process's local zone, which is where TZ counts.
        #expect(try resolve(profile: nil).timeZone == nil)
    }
}
