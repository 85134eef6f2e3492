import ChanstatTestSupport
import Foundation
import Testing

/// `--profile` through the real binary: the config file is found through XDG_CONFIG_HOME, and a broken one
/// stops the command with its path and line (exit 2). The precedence rules themselves are tested in
/// ChanstatConfigTests; this checks the wiring.
@Suite struct ProfileCommandTests {
    static let demo = PackageRoot.url.appendingPathComponent("sample-data/demo.sqlite").path

    /// A config home holding `config`, removed afterwards.
    func withConfig<T>(_ config: String, _ body: ([String: String]) throws -> T) throws -> T {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-xdg-\(UUID())")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("chanstat"),
                                                withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try Data(config.utf8).write(to: home.appendingPathComponent("chanstat/config.toml"))
        return try body(["XDG_CONFIG_HOME": home.path, "CHANSTAT_PROFILE": ""])
    }

    @Test func reportReadsTheProfilesFileAndRange() throws {
        let config = "[profiles.demo]\ndb = \"\(Self.demo)\"\naccount = 2\nrange = \"7d\"\n"
        try withConfig(config) { environment in
            let viaProfile = try ChanstatBinary.run(["report", "--profile", "demo", "--format", "json"],
                                                     environment: environment)
            let direct = try ChanstatBinary.run(["report", "--db", Self.demo, "--account", "2", "--range", "7d",
                                                  "--format", "json"], environment: environment)
            #expect(viaProfile.status == 0, "\(viaProfile.stderr)")
            #expect(viaProfile.stdout == direct.stdout)
            #expect(viaProfile.stdout.hasPrefix("{"))
        }
    }

    @Test func brokenConfigGivesFileLineAndExitTwo() throws {
        try withConfig("[profiles.demo]\ndb = \"x.sqlite\"\nacount = 2\n") { environment in
            let run = try ChanstatBinary.run(["report", "--profile", "demo"], environment: environment)
            #expect(run.status == 2)
            let path = environment["XDG_CONFIG_HOME"]! + "/chanstat/config.toml"
            #expect(run.stderrLines == ["chanstat: \(path):3: unknown key 'acount' in [profiles.demo] "
                                        + "(known keys: url, account, db, token_file, ca_file, range, refresh, color, statement_timeout, timezone, web_url)"])
        }
    }

    @Test func unknownProfileIsBadUsage() throws {
        try withConfig("[profiles.demo]\ndb = \"x.sqlite\"\n") { environment in
            let run = try ChanstatBinary.run(["report", "--profile", "prod"], environment: environment)
            #expect(run.status == 2)
            #expect(run.stderr.contains("no profile 'prod'; it has demo"))
        }
    }
}
