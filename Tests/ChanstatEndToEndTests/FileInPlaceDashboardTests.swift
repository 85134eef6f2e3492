import ChanstatTestSupport
import Foundation
import Testing

/// The dashboard's file written over in place (issue 19: `cp new.sqlite served.sqlite`, `cat new >
/// served.sqlite`; the inode kept), and a FIFO given as its file. Before, the dashboard kept showing the old
/// file's rows after `r`: SQLite keeps its page cache when the new bytes have the same change counter, and the
/// inode had not changed. A FIFO made it wait for ever before the screen was drawn.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct FileInPlaceDashboardTests {
    let timeout = DashboardHarness.timeout

    func refreshExpectingRows(_ session: TmuxSession, _ rows: [String]) throws {
        try session.sendKeys("r")
        try session.waitUntil(timeout: timeout, "the new file's rows, not stale") { screen in
            !screen.contains("Stale") && !screen.contains("refreshing") && DashboardEndToEndTests.hasRows(rows)(screen)
        }
    }

    @Test func bytesCopiedOverTheFileInPlaceAreShownOnTheNextRefresh() async throws {
        try await OffThePool.run {
            let files = try InPlaceVariant.writeLookAlikes()
            defer { files.forEach { $0.remove() } }
            let (shown, open, resolved) = (files[0], files[1], files[2])
            let session = try DashboardHarness.onWeekA(shown, width: 160)
            defer { session.close() }

            try InPlaceVariant.copy(open.path, over: shown.path)
            try refreshExpectingRows(session, InPlaceVariant.openInWeekA.weekARows)
            try InPlaceVariant.cat(resolved.path, over: shown.path)
            try refreshExpectingRows(session, InPlaceVariant.resolvedInWeekA.weekARows)
            try session.sendKeys("q")
            try ensure(try session.waitForExit(timeout: timeout) == 0, "the dashboard ended with a failure")
        }
    }

    /// Refused as bad usage (exit 2) with the sentence, before the screen is taken: the terminal is as it was.
    @Test func aFIFOAsTheFileIsAUsageErrorBeforeTheScreen() async throws {
        try await OffThePool.run {
            let scratch = try Scratch()
            let fifo = scratch.path("dash.sqlite")
            try ensure(mkfifo(fifo, 0o600) == 0, "mkfifo")
            let session = try DashboardHarness.start(["dashboard", "--db", fifo, "--account", "1"], width: 200)
            defer { session.close() }
            try ensure(try session.waitForExit(timeout: timeout) == 2, "exit status 2 expected")
            let screen = try session.screen()
            try ensure(screen.contains("chanstat: \(fifo) is a FIFO (named pipe), not a regular file"), "\(screen)")
            let settings = try session.terminalSettings()
            try ensure(settings.before == settings.after, "the terminal settings changed")
        }
    }
}
