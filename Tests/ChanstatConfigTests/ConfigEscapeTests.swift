import ChanstatConfig
import ChanstatCore
import Foundation
import Testing

/// A config file is text anyone with write access to it (or to $XDG_CONFIG_HOME) chose: its keys, profile names
/// and bad values are quoted back in the error, which goes to the terminal. No escape sequence or control
/// character from the file may get there (issue 18: they were printed raw, so a file could retitle the window,
/// clear the screen or hide the error behind colours).
@Suite struct ConfigEscapeTests {
    static let escape = "\u{1B}"

    /// Files whose error quotes something hostile: (the file, words the error must still have).
    static let hostileFiles: [(String, String)] = [
        // Escapes written as TOML escapes, inside quoted keys and names.
        ("\"\\u001b]0;pwned\\u0007\" = 1\n", "unknown key"),
        ("[profiles.p]\n\"\\u001b[31mred\\u001b[0m\" = 2\n", "unknown key"),
        ("[profiles.\"\\u001b[2J\\u001b[H\"]\nurl = \"https://x\"\ndb = \"/x\"\n", "has both url and db"),
        ("[profiles.\"a\\u009bb\"]\nrange = 3\n", "must be a string"),
        ("[profiles.p]\ntimezone = \"Europe/\\u001b[8mBerlin\"\n", "unknown time zone"),
        // Raw bytes, which TOML refuses: the parser's own complaint must not carry them either.
        ("[profiles.p]\nrange = \"\u{1B}[31m7d\"\n", "Error while parsing"),
        ("[profiles.p]\n\u{1B}]0;x\u{07} = 1\n", "Error while parsing"),
        ("[profiles.p]\nurl = \"https://x\" # \u{1B}[2J\n", "Error while parsing"),
    ]

    @Test(arguments: hostileFiles)
    func anErrorAboutTheFileCarriesNoControlCharacter(text: String, words: String) {
        do {
            _ = try ConfigDocument.parse(text, file: "config.toml")
            Issue.record("parsed without an error: \(text.debugDescription)")
        } catch {
            #expect(!error.description.contains(Self.escape), "\(error.description.debugDescription)")
            #expect(TerminalSafeText.isSafe(error.description), "\(error.description.debugDescription)")
            #expect(error.description.hasPrefix("config.toml"))
            #expect(error.description.contains(words))
        }
    }

    /// The profiles the file defines are listed when the one asked for is not there.
    @Test func theListOfProfilesCarriesNoControlCharacter() {
        let config = ConfigDocument(profiles: ["\u{1B}]0;pwned\u{07}": Profile(), "prod": Profile()])
        var flags = CommandLineSettings()
        flags.profile = "staging"
        do {
            _ = try SettingsResolver.resolve(flags, environment: [:], config: config, configPath: "/cfg/\u{1B}[2Jconfig.toml")
            Issue.record("resolved a profile that is not there")
        } catch {
            let text = "\(error)"
            #expect(!text.contains(Self.escape), "\(text.debugDescription)")
            #expect(text.contains("no profile 'staging'"))
        }
    }
}
