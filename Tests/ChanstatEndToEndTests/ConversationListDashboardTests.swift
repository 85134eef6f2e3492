import Foundation
import Testing

/// Issue 22 item 4, the real dashboard in tmux over `GroupedFixture`: Enter (Email's inboxes), Enter (the Mail inbox's
/// conversations, with the selected one's address), Esc, Esc back to the channels. Each wait is for the whole frame.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct ConversationListDashboardTests {
    let timeout = DashboardHarness.timeout

    @Test func enterEnterTheListTheAddressEscEsc() throws {
        let fixture = try GroupedFixture()
        defer { fixture.remove() }
        let session = try DashboardHarness.start(["dashboard", "--db", fixture.path, "--account", "1",
                                                  "--since", "2026-01-05", "--until", "2026-01-11", "--utc",
                                                  "--refresh", "3600", "--web-url", "https://chat.example.com/"])
        defer { session.close() }
        let byChannel = GroupAndQueueDashboardTests.byChannel
        try session.waitUntil(timeout: timeout, "week A by channel", GroupAndQueueDashboardTests.hasRows(byChannel))

        // Email is first (3 conversations, before Website by name) and selected; its one inbox, Mail, is then.
        try session.sendKeys("Enter")
        try session.waitUntil(timeout: timeout, "Email's inboxes") { screen in
            DashboardEndToEndTests.lines(screen)[0].contains("› Email inboxes") && screen.contains("Mail ")
        }
        let output = try session.recordOutput()
        try session.sendKeys("Enter")
        // Hand-counted: Mail holds c6 (open, waiting 10 days 20 min: first), then c3 and c4 by created_at.
        let address = "Address: https://chat.example.com/app/accounts/1/conversations/6"
        let list = try session.waitUntil(timeout: timeout, "Mail's conversations with the address") { screen in
            screen.contains("Inbox Mail: 3 conversations") && screen.contains(address)
                && screen.contains("4 Resolved Mail  Ada")
        }
        let lines = DashboardEndToEndTests.lines(list)
        #expect(lines[0].contains("› Email inboxes  › conversations"))
        let top = lines.firstIndex { $0.hasPrefix("Inbox Mail: 3 conversations") }!
        #expect(lines[top + 1].hasPrefix("# Status   Inbox Assignee Team    Labels"))
        #expect(lines[top + 2].hasPrefix("6 Open     Mail  Bob      -       -      "))
        #expect(lines[top + 2].hasSuffix(" 10d"))
        #expect(lines[top + 3].hasPrefix("3 Pending  Mail  Bob      Support -      "))
        #expect(lines[top + 4].hasPrefix("4 Resolved Mail  Ada      -       refund "))
        #expect(lines[28] == address)
        #expect(!list.contains("ada@example.com") && !list.contains("Ada Admin"), "no contact or user's e-mail")
        // The address was written as an OSC 8 hyperlink over its plain text; tmux 3.3 does not keep links, so the
        // screen above shows the plain, copyable text only, and the link is read from what the program wrote.
        let url = "https://chat.example.com/app/accounts/1/conversations/6"
        let link = "\u{1B}]8;;\(url)\u{1B}\\\(url)\u{1B}]8;;\u{1B}\\"
        // The pipe's `cat` may write the bytes a moment after tmux drew them.
        var written = ""
        for _ in 0..<100 where !written.contains(link) {
            written = try String(decoding: Data(contentsOf: output), as: UTF8.self)
            if !written.contains(link) { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(written.contains(link), "no OSC 8 link in what was written")

        // Down: the next conversation's address.
        try session.sendKeys("Down")
        try session.waitFor(text: "app/accounts/1/conversations/3", timeout: timeout)

        try session.sendKeys("Escape")
        let inboxes = try session.waitUntil(timeout: timeout, "back to the inboxes") { screen in
            DashboardEndToEndTests.lines(screen)[0].contains("› Email inboxes") && !screen.contains("conversations/")
                && !screen.contains("› conversations") && screen.contains("Total")
        }
        #expect(inboxes.contains("Mail "))
        try session.sendKeys("Escape")
        try session.waitUntil(timeout: timeout, "back to the channels") { screen in
            !screen.contains("inboxes") && GroupAndQueueDashboardTests.hasRows(byChannel)(screen)
        }
        // The selection was kept: Enter opens Email's inboxes again.
        try session.sendKeys("Enter")
        try session.waitUntil(timeout: timeout, "Email's inboxes again") { DashboardEndToEndTests.lines($0)[0].contains("› Email inboxes") }
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
    }
}
