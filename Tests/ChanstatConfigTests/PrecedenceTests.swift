import ChanstatConfig
import ChanstatCore
import Testing

/// flags > environment > profile > defaults, one row per setting.
@Suite struct PrecedenceTests {
    static let prod = Profile(url: "https://chat.example.com", account: 3, tokenFile: "~/prod.token",
                              range: .last7Days, refresh: 120, color: .always)
    static let config = ConfigDocument(defaultProfile: nil, profiles: [
        "prod": prod,
        "local": Profile(account: 2, db: "~/chatwoot.sqlite"),
    ])
    static let home = ["HOME": "/home/ops"]

    func resolve(_ flags: CommandLineSettings, environment: [String: String] = home,
                 config: ConfigDocument? = config) throws -> Settings {
        try SettingsResolver.resolve(flags, environment: environment, config: config, configPath: "/cfg/config.toml")
    }

    func flags(profile: String? = "prod", _ edit: (inout CommandLineSettings) -> Void = { _ in }) -> CommandLineSettings {
        var flags = CommandLineSettings()
        flags.profile = profile
        edit(&flags)
        return flags
    }

    @Test func defaultsWithoutProfileOrFlags() throws {
        let settings = try resolve(flags(profile: nil))
        #expect(settings == Settings(source: .demo(account: nil), rangePreset: .last30Days, refreshSeconds: 60, color: .auto,
                                     profileName: nil))
    }

    @Test func profileFillsEverythingFlagsLeaveOut() throws {
        let settings = try resolve(flags())
        #expect(settings == Settings(
            source: .server(url: "https://chat.example.com", account: 3, tokenFile: "/home/ops/prod.token",
                            insecureHTTP: false),
            rangePreset: .last7Days, refreshSeconds: 120, color: .always, profileName: "prod",
            webAddress: try WebAddress("https://chat.example.com")))
    }

    @Test func flagsBeatTheProfile() throws {
        let settings = try resolve(flags {
            $0.account = 9; $0.tokenFile = "/t"; $0.range = .today; $0.refresh = 5; $0.color = .never
        })
        #expect(settings.source == .server(url: "https://chat.example.com", account: 9, tokenFile: "/t",
                                           insecureHTTP: false))
        #expect(settings.rangePreset == .today)
        #expect(settings.refreshSeconds == 5)
        #expect(settings.color == .never)
    }

    @Test func environmentTokenBeatsProfileTokenFileButNotTheFlag() throws {
        var environment = Self.home
        environment["CHATWOOT_API_TOKEN"] = "secret"
        let fromEnvironment = try resolve(flags(), environment: environment)
        #expect(fromEnvironment.source == .server(url: "https://chat.example.com", account: 3, tokenFile: nil,
                                                  insecureHTTP: false))
        let fromFlag = try resolve(flags { $0.tokenFile = "/flag.token" }, environment: environment)
        #expect(fromFlag.source == .server(url: "https://chat.example.com", account: 3, tokenFile: "/flag.token",
                                           insecureHTTP: false))
    }

    @Test func noColorBeatsProfileColourButNotTheFlag() throws {
        let environment = Self.home.merging(["NO_COLOR": "1"]) { $1 }
        #expect(try resolve(flags(), environment: environment).color == .never)
        #expect(try resolve(flags { $0.color = .always }, environment: environment).color == .always)
    }

    @Test func profileComesFromFlagThenEnvironmentThenFile() throws {
        var config = Self.config
        config.defaultProfile = "local"
        let environment = Self.home.merging(["CHANSTAT_PROFILE": "prod"]) { $1 }
        #expect(try resolve(flags(profile: nil), config: config).profileName == "local")
        #expect(try resolve(flags(profile: nil), environment: environment, config: config).profileName == "prod")
        #expect(try resolve(flags(profile: "local"), environment: environment, config: config).profileName == "local")
    }

    @Test func aSourceFlagReplacesTheProfilesWholeSource() throws {
        let settings = try resolve(flags { $0.db = "/data/x.sqlite" })
        // Not the profile's url, token file or account: those belong to another source.
        #expect(settings.source == .file(path: "/data/x.sqlite", account: nil))
        // The profile's other settings still apply.
        #expect(settings.rangePreset == .last7Days)
    }

    @Test func fileProfileExpandsHomeAndTakesTheAccountFlag() throws {
        #expect(try resolve(flags(profile: "local")).source == .file(path: "/home/ops/chatwoot.sqlite", account: 2))
        #expect(try resolve(flags(profile: "local") { $0.account = 5 }).source
                == .file(path: "/home/ops/chatwoot.sqlite", account: 5))
    }

    @Test func serverDefaultRefreshIsLongerThanAFilesOne() throws {
        let server = try resolve(flags(profile: nil) { $0.url = "https://c.example"; $0.account = 1 })
        #expect(server.refreshSeconds == 300)
        #expect(try resolve(flags(profile: "local")).refreshSeconds == 60)
    }

    /// `--db` and a profile's `db` name a PostgreSQL database by URL (never expanded as a path); the statement
    /// timeout comes from the flag, else the profile, else 10 s, and only goes with such a source.
    @Test func postgresSourcesAndTheirStatementTimeout() throws {
        let config = ConfigDocument(profiles: ["replica": Profile(account: 4, db: "postgres://~ops@replica/chatwoot",
                                                                  statementTimeout: 20)])
        let fromProfile = try resolve(flags(profile: "replica"), config: config)
        #expect(fromProfile.source == .postgres(url: "postgres://~ops@replica/chatwoot", account: 4))
        #expect(fromProfile.statementTimeoutSeconds == 20)
        #expect(fromProfile.refreshSeconds == 60)
        let fromFlag = try resolve(flags(profile: "replica") { $0.statementTimeout = 3 }, config: config)
        #expect(fromFlag.statementTimeoutSeconds == 3)
        let fromDB = try resolve(flags(profile: nil) { $0.db = "postgresql:///chatwoot_production"; $0.account = 2 })
        #expect(fromDB.source == .postgres(url: "postgresql:///chatwoot_production", account: 2))
        #expect(fromDB.statementTimeoutSeconds == StatementTimeoutLimits.defaultSeconds)
        #expect {
            try resolve(flags(profile: nil) { $0.db = "/data/x.sqlite"; $0.statementTimeout = 3 })
        } throws: { error in
            (error as? SettingsError)?.message == "--statement-timeout goes with a PostgreSQL --db postgres://… (or a profile's)"
        }
    }
}
