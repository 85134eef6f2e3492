import ChanstatConfig
import Testing

@Suite struct ProfileErrorTests {
    func resolve(profile: String?, config: ConfigDocument?, environment: [String: String] = [:],
                 _ edit: (inout CommandLineSettings) -> Void = { _ in }) throws -> Settings {
        var flags = CommandLineSettings()
        flags.profile = profile
        edit(&flags)
        return try SettingsResolver.resolve(flags, environment: environment, config: config, configPath: "/cfg/config.toml")
    }

    @Test func unknownProfileNamesTheFileAndTheKnownOnes() {
        let config = ConfigDocument(profiles: ["prod": Profile(), "staging": Profile()])
        #expect(throws: ConfigError(file: "/cfg/config.toml", line: nil,
                                    problem: "no profile 'prd'; it has prod, staging")) {
            try resolve(profile: "prd", config: config)
        }
    }

    @Test func unknownProfileFromTheEnvironmentIsAnErrorToo() {
        #expect(throws: ConfigError.self) {
            try resolve(profile: nil, config: ConfigDocument(), environment: ["CHANSTAT_PROFILE": "gone"])
        }
    }

    @Test func aProfileWithoutAConfigFileSaysSo() {
        #expect(throws: ConfigError(file: "/cfg/config.toml", line: nil,
                                    problem: "profile 'prod' asked for, but there is no such file")) {
            try resolve(profile: "prod", config: nil)
        }
    }

    @Test func aServerProfileNeedsAnAccount() {
        let config = ConfigDocument(profiles: ["prod": Profile(url: "https://c.example")])
        #expect(throws: SettingsError.self) { try resolve(profile: "prod", config: config) }
        #expect(throws: Never.self) { try resolve(profile: "prod", config: config) { $0.account = 1 } }
    }

    @Test func tokenFileWithoutAServerIsRefused() {
        #expect(throws: SettingsError.self) { try resolve(profile: nil, config: nil) { $0.tokenFile = "/t" } }
        let config = ConfigDocument(profiles: ["prod": Profile(url: "https://c.example", account: 1)])
        #expect(throws: Never.self) { try resolve(profile: "prod", config: config) { $0.tokenFile = "/t" } }
    }
}
