import ChanstatTestSupport
import Foundation

/// Starting the real `chanstat` binary in a tmux pane.
enum DashboardHarness {
    /// Generous: the whole test suite runs in parallel on two cores.
    static let timeout: Duration = .seconds(30)

    /// Quotes one word for `sh`.
    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A tmux session running `chanstat arguments…` from the pane's shell, under UTC and C.UTF-8 unless
    /// `environment` says otherwise, and nothing of the test runner's environment (TmuxSession's server starts
    /// from `TestEnvironment.minimal`).
    /// `term` sets TERM for the command itself: tmux gives the pane its own TERM whatever `environment` says.
    static func start(_ arguments: [String], width: Int = 100, height: Int = 30,
                      environment: [String: String] = [:], term: String? = nil) throws -> TmuxSession {
        guard FileManager.default.isExecutableFile(atPath: ChanstatBinary.path) else {
            throw ChanstatBinary.MissingBinary(path: ChanstatBinary.path)
        }
        let command = (term.map { "TERM=\(shellQuoted($0)) " } ?? "")
            + ([ChanstatBinary.path] + arguments).map(shellQuoted).joined(separator: " ")
        let base = ["TZ": "UTC", "SWIFT_BACKTRACE": "interactive=no"]
        return try TmuxSession(command: command, width: width, height: height,
                               environment: base.merging(environment) { $1 })
    }

    /// The dashboard on a file, account 1, a range read in UTC, no automatic refresh during a test.
    static func dashboard(_ fixture: DashboardFixture, since: String, until: String, extra: [String] = [],
                          width: Int = 100, height: Int = 30, environment: [String: String] = [:],
                          term: String? = nil) throws -> TmuxSession {
        try start(["dashboard", "--db", fixture.path, "--account", "1", "--since", since, "--until", until, "--utc",
                   "--refresh", "3600"] + extra, width: width, height: height, environment: environment, term: term)
    }

    /// The dashboard on the fixture's week A, once its three rows are on screen: where most tests start.
    static func onWeekA(_ fixture: DashboardFixture, extra: [String] = [], width: Int = 100, height: Int = 30,
                        environment: [String: String] = [:], term: String? = nil) throws -> TmuxSession {
        let session = try dashboard(fixture, since: DashboardFixture.weekA.since, until: DashboardFixture.weekA.until,
                                    extra: extra, width: width, height: height, environment: environment, term: term)
        do {
            try session.waitUntil(timeout: timeout, "week A's rows", DashboardEndToEndTests.hasRows(ExpectedRows.weekA))
        } catch {
            session.close()
            throw error
        }
        return session
    }

    /// SGR parameters that set a colour (foreground or background, basic, bright, 256 or direct), found
    /// in `capture-pane -e` output.
    static func colourSequences(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            let parameters = rest.prefix { $0.isNumber || $0 == ";" || $0 == ":" }
            rest = rest.dropFirst(parameters.count)
            guard rest.first == "m" else { continue }
            let colours = parameters.split(whereSeparator: { $0 == ";" || $0 == ":" }).compactMap { Int($0) }.filter {
                (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0)
            }
            if !colours.isEmpty { found.append("ESC[\(parameters)m") }
        }
        return found
    }
}
