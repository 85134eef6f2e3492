import Foundation
import Testing

/// Proves the harness itself on a plain shell command, before any dashboard test relies on it.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct TmuxSessionTests {
    @Test func drivesACommandAndReadsItsScreen() throws {
        let session = try TmuxSession(command: "printf 'ready: %s\\n' \"$LANG\"; stty -echo; cat; stty echo",
                                      width: 40, height: 6)
        defer { session.close() }
        try session.waitFor(text: "ready: C.UTF-8")
        try session.type("héllo 日本")
        try session.sendKeys("Enter")
        // With echo off, the only copy on screen is cat's.
        let screen = try session.waitFor(text: "héllo 日本")
        #expect(screen.components(separatedBy: "héllo 日本").count == 2)
        try session.sendKeys("C-d")
        #expect(try session.waitForExit() == 0)
        try session.waitFor(text: "[command ended]")
        let settings = try session.terminalSettings()
        #expect(settings.before == settings.after)
        #expect(!settings.before.isEmpty)
    }

    @Test func reportsAChangedTerminalAndTheExitStatus() throws {
        // A command that leaves the terminal without echo, as a crashed full-screen program would.
        let session = try TmuxSession(command: "sh -c 'stty -echo; exit 3'", width: 40, height: 6)
        defer { session.close() }
        #expect(try session.waitForExit() == 3)
        let settings = try session.terminalSettings()
        #expect(settings.before != settings.after)
    }

    @Test func resizesAndSignalsTheCommand() throws {
        // Its own process, as the dashboard will be, so that the signal reaches it and not the wrapper.
        let session = try TmuxSession(command: "sh -c 'trap \"exit 143\" TERM; while :; do stty size; sleep 0.1; done'",
                                      width: 40, height: 6)
        defer { session.close() }
        try session.waitFor(text: "6 40")
        try session.resize(width: 50, height: 8)
        try session.waitFor(text: "8 50")
        kill(try session.commandPID(), SIGTERM)
        #expect(try session.waitForExit() == 143)
    }

    @Test func aTimeoutSaysWhatWasOnScreen() throws {
        let session = try TmuxSession(command: "echo nothing to see", width: 40, height: 6)
        defer { session.close() }
        try session.waitFor(text: "nothing to see")
        #expect(throws: TmuxSession.Failure.self) {
            try session.waitFor(text: "never printed", timeout: .milliseconds(300))
        }
    }
}
