import ChanstatConfig
import ChanstatCore
import Testing

/// Chatwoot's web address for the lists' addresses: `--web-url`, a profile's `web_url` with the profile's own
/// source, the HTTP source's `--url`; checked where it is read, naming the key.
@Suite struct WebURLSettingTests {
    static let config = ConfigDocument(profiles: [
        "replica": Profile(account: 1, db: "postgres://replica.internal/chatwoot", webURL: try! WebAddress("https://chat.example.com/")),
        "prod": Profile(url: "https://api.example.com", account: 3),
    ])

    func resolve(_ edit: (inout CommandLineSettings) -> Void) throws -> Settings {
        var flags = CommandLineSettings()
        edit(&flags)
        return try SettingsResolver.resolve(flags, environment: ["HOME": "/home/ops"], config: Self.config,
                                            configPath: "/cfg.toml")
    }

    @Test func theFlagThenTheProfilesOwnThenTheServersURL() throws {
        #expect(try resolve { $0.profile = "replica" }.webAddress?.base == "https://chat.example.com")
        #expect(try resolve { $0.profile = "replica"; $0.webURL = "http://10.1.2.3:3000/cw/" }.webAddress?.base
                == "http://10.1.2.3:3000/cw")
        // Another database named by the flags is another Chatwoot's: the profile's address is not its.
        #expect(try resolve { $0.profile = "replica"; $0.db = "/tmp/other.sqlite" }.webAddress == nil)
        #expect(try resolve { $0.profile = "prod" }.webAddress?.base == "https://api.example.com")
        #expect(try resolve { $0.db = "/tmp/x.sqlite" }.webAddress == nil)
    }

    @Test func aBadFlagIsBadUsage() {
        let error = #expect(throws: SettingsError.self) { _ = try resolve { $0.db = "/x.sqlite"; $0.webURL = "chat.example.com" } }
        #expect(error?.message == "--web-url must be an http:// or https:// address, such as https://chat.example.com")
    }

    @Test func theKeyIsReadAndChecked() throws {
        let document = try ConfigDocument.parse("[profiles.a]\ndb = \"/x.sqlite\"\nweb_url = \"https://chat.example.com//\"\n",
                                                file: "c.toml")
        #expect(document.profiles["a"]?.webURL?.base == "https://chat.example.com")
        #expect(throws: ConfigError.self) {
            _ = try ConfigDocument.parse("[profiles.a]\nweb_url = \"https://ann:pw@chat.example.com\"\n", file: "c.toml")
        }
        do {
            _ = try ConfigDocument.parse("[profiles.a]\nweb_url = \"ftp://chat.example.com\"\n", file: "c.toml")
            Issue.record("ftp accepted")
        } catch {
            #expect("\(error)".contains("profiles.a.web_url must be an http:// or https:// address"), "\(error)")
        }
    }
}
