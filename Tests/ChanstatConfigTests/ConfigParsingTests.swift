import ChanstatConfig
import ChanstatCore
import Foundation
import Testing

@Suite struct ConfigParsingTests {
    func parse(_ text: String) throws(ConfigError) -> ConfigDocument {
        try ConfigDocument.parse(text, file: "config.toml")
    }

    @Test func readsEveryKey() throws {
        let document = try parse("""
            default_profile = "prod"

            [profiles.prod]
            url = "https://chat.example.com"
            account = 3
            token_file = "~/prod.token"
            range = "7d"
            refresh = 300
            color = "never"

            [profiles.local]
            db = "/srv/chatwoot.sqlite"
            refresh = 2
            """)
        #expect(document == ConfigDocument(defaultProfile: "prod", profiles: [
            "prod": Profile(url: "https://chat.example.com", account: 3, tokenFile: "~/prod.token",
                            range: .last7Days, refresh: 300, color: .never),
            "local": Profile(db: "/srv/chatwoot.sqlite", refresh: 2),
        ]))
    }

    /// A PostgreSQL profile: `db` holds the URL as written (no ~ expansion), and its statement timeout.
    @Test func postgresProfile() throws {
        let document = try parse("[profiles.replica]\ndb = \"postgres://chanstat@replica/chatwoot\"\naccount = 1\n"
                                 + "statement_timeout = 2.5\n")
        #expect(document.profiles["replica"] == Profile(account: 1, db: "postgres://chanstat@replica/chatwoot",
                                                        statementTimeout: 2.5))
    }

    @Test func emptyFileHasNoProfiles() throws {
        #expect(try parse("") == ConfigDocument())
    }

    /// Each broken file gives the file, the line and a problem that names the key.
    @Test(arguments: [
        ("[profiles.prod]\nurl = \"https://x\naccount = 3\n", 2, "string"),
        ("[profiles.prod]\nurl = \"https://x\"\nacount = 3\n", 3, "unknown key 'acount' in [profiles.prod]"),
        ("[profiles.prod]\naccount = \"3\"\n", 2, "profiles.prod.account must be a positive whole number"),
        ("[profiles.prod]\naccount = -1\n", 2, "profiles.prod.account must be a positive whole number"),
        ("[profiles.prod]\naccount = 0\n", 2, "profiles.prod.account must be a positive whole number"),
        ("[profiles.prod]\nrange = \"week\"\n", 2, "profiles.prod.range must be one of today, 7d"),
        ("[profiles.prod]\nrefresh = 0\n", 2, "profiles.prod.refresh must be a number of seconds, a whole number from 1 to 86400"),
        // 1.5 would be shown and timed as 2 s: refused rather than rounded without a word.
        ("[profiles.prod]\nrefresh = 1.5\n", 2, "profiles.prod.refresh must be a number of seconds, a whole number from 1 to 86400"),
        ("[profiles.prod]\ncolor = true\n", 2, "profiles.prod.color must be a string"),
        ("[profiles.prod]\ncolor = \"blue\"\n", 2, "profiles.prod.color must be one of auto, always, never"),
        ("\n\ndefault_profile = 1\n", 3, "default_profile must be a string"),
        ("# comment\nprofile = \"x\"\n", 2, "unknown key 'profile'"),
        ("[profiles.a]\ndb = \"x\"\n[profiles.b]\nurl = \"u\"\ndb = \"d\"\n", 3, "[profiles.b] has both url and db"),
        ("[profiles.pg]\nstatement_timeout = 0\n", 2, "profiles.pg.statement_timeout must be a number of seconds, 0.1 to 600"),
        ("[profiles.pg]\nstatement_timeout = \"10s\"\n", 2, "profiles.pg.statement_timeout must be a number of seconds"),
        ("[profiles.pg]\ndb = \"/srv/x.sqlite\"\nstatement_timeout = 5\n", 3,
         "profiles.pg.statement_timeout goes with a PostgreSQL db"),
    ])
    func invalidFile(text: String, line: Int, problem: String) {
        do {
            _ = try parse(text)
            Issue.record("parsed without an error")
        } catch {
            #expect(error.file == "config.toml")
            #expect(error.line == line)
            #expect(error.problem.contains(problem), "\(error.problem)")
            #expect(error.description.hasPrefix("config.toml:\(line): "))
        }
    }

    @Test func fileLocationFollowsXDG() {
        #expect(ConfigFile.path(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/chanstat/config.toml")
        #expect(ConfigFile.path(environment: ["HOME": "/h"]) == "/h/.config/chanstat/config.toml")
        // A relative XDG_CONFIG_HOME is invalid by the XDG spec and ignored.
        #expect(ConfigFile.path(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"]) == "/h/.config/chanstat/config.toml")
    }

    @Test func missingFileIsNoConfigAndABrokenOneNamesItsPath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-config-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("config.toml").path
        #expect(try ConfigFile.load(path: path) == nil)
        try Data("[profiles.x]\nurl = 3\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ConfigError(file: path, line: 2, problem: "profiles.x.url must be a string (in quotes)")) {
            try ConfigFile.load(path: path)
        }
    }
}
