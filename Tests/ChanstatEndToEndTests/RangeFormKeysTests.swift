import ChanstatTestSupport
import Foundation
import Testing

/// The custom range form's shell-line keys in a real terminal (tmux): the prefilled date is replaced by the
/// first key typed, the cursor moves and deletes where it is, the kill keys and a paste work, and a range
/// too long says the latest `until` its `since` allows.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct RangeFormKeysTests {
    let timeout = DashboardHarness.timeout

    @Test func theFormEditsLikeAShellLine() throws {
        let fixture = try DashboardFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.onWeekA(fixture)
        defer { session.close() }

        try session.sendKeys("d")
        try session.waitFor(text: "Since ›2026-01-05", timeout: timeout)
        // The first key typed replaces the prefilled date: no Backspace first.
        try session.type("2026-01-06")
        try session.waitFor(text: "Since ›2026-01-06 ", timeout: timeout)
        // Three to the left, Ctrl-U clears what is before the cursor, and typing inserts there.
        try session.sendKeys("Left", "Left", "Left", "C-u")
        try session.waitFor(text: "Since ›-06 ", timeout: timeout)
        try session.type("2026-02")
        try session.waitFor(text: "Since ›2026-02-06 ", timeout: timeout)
        try session.sendKeys("Home", "DC", "C-e", "BSpace")
        try session.waitFor(text: "Since ›026-02-0 ", timeout: timeout)
        try session.sendKeys("C-a")
        try session.type("2")
        try session.sendKeys("End")
        try session.type("1")
        try session.waitFor(text: "Since ›2026-02-01 ", timeout: timeout)

        try session.sendKeys("Tab")
        try session.waitFor(text: "Until ›2026-01-11", timeout: timeout)
        // Ctrl-W takes a word (the day), Ctrl-A and Ctrl-K clear the rest; then a paste, in one piece.
        try session.sendKeys("C-w")
        try session.waitFor(text: "Until ›2026-01- ", timeout: timeout)
        try session.sendKeys("C-a", "C-k")
        try session.waitUntil(timeout: timeout, "an empty until field") { $0.contains("Until › ") && !$0.contains("Until ›2") }
        try session.paste("2026-12-31")
        try session.sendKeys("Enter")
        // The contract's words first, then the longest range from that since.
        let tooLong = try session.waitFor(text: "until at most 2026-08-01", timeout: timeout)
        #expect(tooLong.contains("Date range cannot exceed"), "\(tooLong)")

        try session.sendKeys("C-u")
        try session.paste("2026-02-07")
        try session.sendKeys("Enter")
        try session.waitUntil(timeout: timeout, "the pasted range applied") { screen in
            DashboardEndToEndTests.lines(screen)[1].hasPrefix("Custom range  2026-02-01 – 2026-02-07 UTC")
                && !screen.contains("Enter apply")
        }
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }
}
