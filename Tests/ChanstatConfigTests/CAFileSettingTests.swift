import ChanstatConfig
import ChanstatCore
import Testing

/// `--ca-file` and a profile's `ca_file`: the CA bundle goes with the server it was given for.
@Suite struct CAFileSettingTests {
    static let home = ["HOME": "/home/ops"]
    static let config = ConfigDocument(profiles: [
        "prod": Profile(url: "https://chat.internal", account: 3, caFile: "~/company-ca.pem"),
    ])

    func resolve(_ edit: (inout CommandLineSettings) -> Void) throws -> Settings {
        var flags = CommandLineSettings()
        edit(&flags)
        return try SettingsResolver.resolve(flags, environment: Self.home, config: Self.config, configPath: "/cfg.toml")
    }

    @Test func theProfilesCAGoesWithItsURLAndTheFlagWins() throws {
        #expect(try resolve { $0.profile = "prod" }.source
                == .server(url: "https://chat.internal", account: 3, tokenFile: nil, insecureHTTP: false,
                           caFile: "/home/ops/company-ca.pem"))
        #expect(try resolve { $0.profile = "prod"; $0.caFile = "/flag-ca.pem" }.source
                == .server(url: "https://chat.internal", account: 3, tokenFile: nil, insecureHTTP: false,
                           caFile: "/flag-ca.pem"))
    }

    /// A server named by the flags is the flags' alone: the profile's CA does not vouch for it.
    @Test func aURLFromTheFlagsDoesNotTakeTheProfilesCA() throws {
        #expect(try resolve { $0.profile = "prod"; $0.url = "https://other.example"; $0.account = 1 }.source
                == .server(url: "https://other.example", account: 1, tokenFile: nil, insecureHTTP: false, caFile: nil))
    }

    @Test func aCAFileWithoutAServerIsRefused() {
        let error = #expect(throws: SettingsError.self) {
            _ = try resolve { $0.db = "/x.sqlite"; $0.caFile = "/ca.pem" }
        }
        #expect(error?.message == "--token-file, --ca-file and --insecure-http go with --url (or a profile's url)")
    }

    @Test func theKeyIsReadAndNeedsAURL() throws {
        let document = try ConfigDocument.parse("[profiles.prod]\nurl = \"https://chat.internal\"\naccount = 3\n"
                                                + "ca_file = \"/etc/ssl/company-ca.pem\"\n", file: "config.toml")
        #expect(document.profiles["prod"]?.caFile == "/etc/ssl/company-ca.pem")
        #expect(throws: ConfigError(file: "config.toml", line: 2,
                                    problem: "profiles.local.ca_file goes with a url = \"https://…\" in the same profile")) {
            _ = try ConfigDocument.parse("[profiles.local]\nca_file = \"/ca.pem\"\ndb = \"/x.sqlite\"\n", file: "config.toml")
        }
    }
}
