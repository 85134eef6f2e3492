import ChanstatTestSupport
import Foundation
import Testing

/// Every child the tests start gets `TestEnvironment.minimal`, so nothing of the machine's environment (a config
/// file in HOME, a proxy, PG* variables, a token, NO_COLOR) changes a result. The hostile environment is passed
/// to the helpers as their `parent`, never set in this process (the tests running beside these would see it);
/// the helpers without that parameter are checked against this process's own environment.
@Suite(.enabled(if: ChanstatBinary.isBuilt, "needs swift build first"))
struct ChildEnvironmentTests {
    /// What the minimal environment holds.
    static let minimalNames: Set = ["PATH", "LANG", "TZ", "TMPDIR", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                                    "XDG_STATE_HOME", "XDG_CACHE_HOME"]
    /// What a shell or tmux between the helper and the program sets by itself (tmux: SHELL from the password file).
    static let setOnTheWay: Set = ["PWD", "OLDPWD", "SHLVL", "_", "TERM", "TMUX", "TMUX_PANE", "TERM_PROGRAM",
                                   "TERM_PROGRAM_VERSION", "COLORTERM", "SHELL", "LC_ALL", "SWIFT_BACKTRACE"]

    /// A developer's machine at its worst: each of these would change what chanstat or a tool does.
    static func hostileParent(home: String) -> [String: String] {
        [
            "PATH": (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") + ":/hostile/bin",
            "HOME": home, "XDG_CONFIG_HOME": home + "/.config", "CHANSTAT_PROFILE": "elsewhere",
            "HTTPS_PROXY": "http://127.0.0.1:9/hostile-proxy", "https_proxy": "http://127.0.0.1:9/hostile-proxy",
            "HTTP_PROXY": "http://127.0.0.1:9/hostile-proxy", "ALL_PROXY": "socks5://127.0.0.1:9/hostile-proxy",
            "NO_PROXY": "hostile.example", "no_proxy": "hostile.example",
            "PGHOST": "hostile-db.invalid", "PGPORT": "54329", "PGUSER": "hostile-user",
            "PGPASSWORD": "hostile-password", "PGDATABASE": "hostile-database", "PGSSLMODE": "disable",
            "PGPASSFILE": "/hostile/pgpass", "PGTZ": "Hostile/Zone",
            "CHATWOOT_API_TOKEN": "hostile-token", "SSL_CERT_FILE": "/hostile/ca.pem", "SSL_CERT_DIR": "/hostile/certs",
            "NO_COLOR": "hostile-no-color", "TERM": "hostile-term", "LC_ALL": "hostile_LOCALE",
            "LANG": "hostile_LOCALE",
            "TZ": "Hostile/Zone", "TMUX": "/hostile/tmux,1,0", "SWIFT_BACKTRACE": "interactive=yes",
        ]
    }

    /// `env`'s output as a dictionary.
    static func parse(_ output: String) -> [String: String] {
        var variables: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            variables[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return variables
    }

    /// The child has exactly the minimal environment: the parent's PATH, and nothing else of the parent's.
    @Test func aChildGetsNothingOfAHostileParentButPATH() throws {
        let scratch = try Scratch()
        let parent = Self.hostileParent(home: scratch.url.path)
        let run = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), [], parent: parent)
        try #require(run.status == 0, "\(run.stderr)")
        let child = Self.parse(run.stdout)
        #expect(Set(child.keys) == Self.minimalNames)
        #expect(child["PATH"] == parent["PATH"])
        #expect(child["HOME"] == TestEnvironment.home.path)
        #expect(child["XDG_CONFIG_HOME"] == TestEnvironment.home.appendingPathComponent(".config").path)
        #expect(child["LANG"] == "C.UTF-8")
        #expect(child["TZ"] == "UTC")
        for (name, value) in parent where name != "PATH" {
            #expect(!run.stdout.contains(value), "\(name)'s value reached the child")
        }
        // An addition is the one way in.
        let added = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), [], environment: ["PGPASSWORD": "given"],
                                         parent: parent)
        #expect(Self.parse(added.stdout)["PGPASSWORD"] == "given")
    }

    /// chanstat run through the helper, under a HOME whose config file has a default profile and a
    /// CHANSTAT_PROFILE naming it: neither is read, so `report` without a source never hears of that profile.
    @Test func chanstatDoesNotReadTheParentsConfigFile() throws {
        let scratch = try Scratch()
        let folder = scratch.url.appendingPathComponent(".config/chanstat")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("""
            default_profile = "elsewhere"
            [profiles.elsewhere]
            db = "/hostile/elsewhere.sqlite"
            account = 1
            """.utf8).write(to: folder.appendingPathComponent("config.toml"))
        let parent = Self.hostileParent(home: scratch.url.path)
        let run = try ChanstatBinary.run(["report", "--range", "7d"], parent: parent)
        #expect(!(run.stdout + run.stderr).contains("elsewhere"), "\(run.stderr)")
        // The same file, named by an explicit addition, is read: the test above could see it.
        let told = try ChanstatBinary.run(["report", "--range", "7d"],
                                          environment: ["XDG_CONFIG_HOME": scratch.path(".config")], parent: parent)
        #expect(told.stderr.contains("elsewhere"), "\(told.stderr)")
    }

    /// The names in this process's environment that a child must not get.
    static var parentOnly: Set<String> {
        Set(ProcessInfo.processInfo.environment.keys).subtracting(minimalNames).subtracting(setOnTheWay)
    }

    /// What every helper's child received, from this process's own environment.
    static func expectIsolated(_ child: [String: String], _ helper: String) {
        #expect(child["HOME"] == TestEnvironment.home.path, "\(helper)")
        #expect(child["XDG_CONFIG_HOME"] == TestEnvironment.home.appendingPathComponent(".config").path, "\(helper)")
        #expect(child["TZ"] == "UTC", "\(helper)")
        let leaked = parentOnly.intersection(child.keys)
        #expect(leaked.isEmpty, "\(helper) passed on \(leaked.sorted())")
        for name in ["NO_COLOR", "CHATWOOT_API_TOKEN", "CHANSTAT_PROFILE", "HTTPS_PROXY", "https_proxy", "NO_PROXY",
                     "PGHOST", "PGPASSWORD", "SSL_CERT_FILE"] {
            #expect(child[name] == nil, "\(helper) passed on \(name)")
        }
    }

    @Test func everyHelperStartsItsChildIsolated() throws {
        let scratch = try Scratch()
        Self.expectIsolated(Self.parse(try Shell.run("env", []).stdout), "Shell.run")

        let spawned = scratch.path("spawned")
        var status: Int32 = 0
        let pid = try ServerChild.spawn(["env"], outputFile: spawned)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        Self.expectIsolated(Self.parse(try String(contentsOfFile: spawned, encoding: .utf8)), "ServerChild.spawn")

        // ServeProcess runs the binary it is given: here one that prints its environment, then the line serve
        // prints when it listens.
        let fakeServe = scratch.path("fake-serve")
        try Data("#!/bin/sh\nenv >&2\necho 'chanstat serve: listening on http://127.0.0.1:1'\nexec sleep 30\n".utf8)
            .write(to: URL(fileURLWithPath: fakeServe))
        chmod(fakeServe, 0o755)
        let serve = try ServeProcess(database: "unused", binary: URL(fileURLWithPath: fakeServe))
        let serveLog = serve.log
        serve.stop()
        Self.expectIsolated(Self.parse(serveLog), "ServeProcess")

        if TmuxSession.isAvailable {
            let inPane = scratch.path("pane")
            let session = try TmuxSession(command: "env > \(DashboardHarness.shellQuoted(inPane))")
            defer { session.close() }
            #expect(try session.waitForExit(timeout: DashboardHarness.timeout) == 0)
            Self.expectIsolated(Self.parse(try String(contentsOfFile: inPane, encoding: .utf8)), "TmuxSession")
        }
    }
}
