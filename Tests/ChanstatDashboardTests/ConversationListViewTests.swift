import ChanstatCore
import Foundation
import Testing
@testable import ChanstatDashboard

private typealias F = Fixtures

/// Issue 22 item 4: Enter goes down to the conversations behind a row, Esc comes back up with the selection kept;
/// the list drawn exactly, on narrow terminals too, with the selected conversation's address.
@Suite struct ConversationListViewTests {
    static let web = try! WebAddress("https://chat.example.com/")
    static let at: Int64 = 1_795_608_000  // F.now

    /// Counted by hand: 3 conversations in all, the first 2 read. #42 open, waiting 2 h, created 1 d 1 h ago;
    /// #43 pending, nobody's, created 10 min ago.
    static let list = ConversationList(account: 1, count: 3, conversations: [
        ListedConversation(id: 501, displayID: 42, inboxID: 13, inbox: "Billing", channelType: "Channel::Email",
                           status: .open, assigneeID: 7, assignee: "Ann", teamID: 3, team: "Finance", labels: ["vip"],
                           createdAt: at - 90_000, waitingSince: at - 7_200),
        ListedConversation(id: 502, displayID: 43, inboxID: 13, inbox: "Billing", channelType: "Channel::Email",
                           status: .pending, assigneeID: nil, assignee: nil, teamID: nil, team: nil, labels: [],
                           createdAt: at - 600, waitingSince: nil),
    ])

    /// The channel list with two email inboxes and one website inbox loaded, nothing selected, the web address known.
    static func loaded(web: WebAddress? = web) -> DashboardState {
        var state = DashboardState(sourceName: "demo data", calendar: F.calendar,
                                   selection: RangeSelection(preset: .last30Days, range: F.last30Days), refreshSeconds: 60,
                                   display: DisplayOptions(glyphs: .unicode, colored: false), webAddress: web)
        state = Dashboard.update(state, .started, now: F.now).0
        return F.unselected(CompareAndInboxTests().answer(state).0)
    }

    static func answered(_ state: DashboardState, _ outcome: Result<ConversationList, SourceError> = .success(list))
        -> DashboardState {
        let result = ConversationsLoadResult(requestID: state.pendingRequest!, outcome: outcome, readAt: at)
        return Dashboard.update(state, .conversationsLoaded(result), now: F.now).0
    }

    /// Down, Enter: Email's inboxes, the first selected; Enter: Billing's (inbox 13, the most conversations) conversations.
    static func billingList(web: WebAddress? = web) -> DashboardState {
        answered(F.press(loaded(web: web), .down, .enter, .enter).0)
    }

    @Test func enterEnterListsTheSelectedInboxsConversationsInTheRange() {
        let inboxes = F.press(Self.loaded(), .down, .enter).0
        #expect(inboxes.inboxView?.channelType == "Channel::Email")
        let (asked, effects) = F.press(inboxes, .enter)
        #expect(asked.conversations?.title == "Inbox Billing")
        #expect(effects.contains(.loadConversations(ConversationFilter(inboxID: 13), in: .created(F.last30Days),
                                                    limit: ListLimit(200)!, requestID: asked.pendingRequest!)))
        let shown = Self.answered(asked)
        #expect(shown.conversations?.selected == "501", "the first conversation is selected")
        // A refresh reads the list again, and Enter in a list goes nowhere.
        #expect(F.press(shown, .character("r")).1.contains { if case .loadConversations = $0 { true } else { false } })
        #expect(F.press(shown, .enter).1.isEmpty)
    }

    @Test func escComesBackUpWithEachSelectionKept() {
        let list = F.press(Self.billingList(), .down).0
        #expect(list.conversations?.selected == "502")
        let (inboxes, effects) = F.press(list, .escape)
        #expect(inboxes.conversations == nil)
        #expect(inboxes.inboxView?.table.selected == "13")
        // The table under the list is shown as it was, at once: nothing was read since it was.
        #expect(effects.isEmpty, "\(effects)")
        #expect(inboxes.data == list.data && inboxes.pendingRequest == nil)
        let channels = F.press(inboxes, .escape).0
        #expect(channels.inboxView == nil)
        #expect(channels.channels.selected == "Channel::Email")
    }

    /// Once the list was read again (here `r`), the table under it is older than the list: Esc reads it again.
    @Test func escAfterTheListWasReadAgainReadsTheTableAgain() {
        let refreshed = Self.answered(F.press(Self.billingList(), .character("r")).0)
        #expect(refreshed.conversations?.outdatesTable == true)
        let (inboxes, effects) = F.press(refreshed, .escape)
        #expect(inboxes.conversations == nil)
        #expect(effects.contains { if case .load = $0 { true } else { false } }, "the table under the list is read again")
        // Esc while the list's first read is under way: that read is cancelled by the table's.
        let asking = F.press(Self.loaded(), .down, .enter, .enter).0
        let (_, whileAsking) = F.press(asking, .escape)
        #expect(whileAsking.contains(.cancelLoad(requestID: asking.pendingRequest!)))
        #expect(whileAsking.contains { if case .load = $0 { true } else { false } })
    }

    @Test func aTeamRowAndAQueueRowListTheirConversations() {
        let byTeam = GroupByViewTests.answer(F.press(F.started(), .character("g")).0, GroupByViewTests.byTeam())
        // No team (6 conversations) is first, and selected.
        let (team, teamEffects) = F.press(byTeam, .enter)
        #expect(team.conversations?.title == "Team No team")
        #expect(teamEffects.contains(.loadConversations(ConversationFilter(team: ConversationFilter.Group.none),
                                                        in: .created(F.last30Days), limit: ListLimit(200)!,
                                                        requestID: team.pendingRequest!)))
        let queue = QueueViewTests.answered(F.press(F.started(), .character("n")).0, QueueViewTests.byChannel)
        let (open, queueEffects) = F.press(queue, .enter)
        #expect(open.conversations?.fromQueue == true)
        // The open ones (the title says "open now"): the list's count is then the row's Open, not its whole queue.
        #expect(queueEffects.contains(.loadConversations(ConversationFilter(channelType: "Channel::WebWidget", status: .open),
                                                         in: .queue,
                                                         limit: ListLimit(200)!, requestID: open.pendingRequest!)))
        let back = F.press(Self.answered(open), .escape).0
        #expect(back.queue?.selected == "Channel::WebWidget")
        #expect(back.conversations == nil)
    }

    @Test func theListDrawnExactlyWithTheAddress() {
        let state = Self.billingList()
        let lines = Dashboard.view(state, width: 80, height: 12).lines()
        #expect(lines[0].hasPrefix("chanstat  demo data  › Email inboxes  › conversations"))
        #expect(lines[3] == "Inbox Billing: 2 of 3")
        #expect(lines[4] == " # Status  Inbox   Assignee Team    Labels   Age Waiting")
        #expect(lines[5] == "42 Open    Billing Ann      Finance vip    1d 1h      2h")
        #expect(lines[6] == "43 Pending Billing -        -       -        10m       -")
        #expect(lines[10] == "Address: https://chat.example.com/app/accounts/1/conversations/42")
        #expect(Dashboard.hyperlink(state, width: 80, height: 12)
                    == Hyperlink(x: 9, y: 10, url: "https://chat.example.com/app/accounts/1/conversations/42"))
        // The second conversation selected: its address.
        let second = F.press(state, .down).0
        #expect(Dashboard.view(second, width: 80, height: 12).lines()[10].hasSuffix("/conversations/43"))
    }

    @Test func narrowTerminalsDropColumnsFromTheRightAndKeepTheDisplayID() {
        let state = Self.billingList()
        let forty = Dashboard.view(state, width: 40, height: 12).lines()
        #expect(forty[4] == " # Status  Inbox   Assignee Team")
        #expect(forty[5] == "42 Open    Billing Ann      Finance")
        #expect(Dashboard.hyperlink(state, width: 40, height: 12) == nil, "an address cut short is not linked")
        let narrowest = Dashboard.view(state, width: 32, height: 12).lines()
        #expect(narrowest[5] == "42 Open    Billing Ann")
    }

    @Test func noWebAddressNoAddressAndNoLink() {
        let state = Self.billingList(web: nil)
        #expect(!Dashboard.view(state, width: 80, height: 12).lines().contains { $0.contains("Address") })
        #expect(Dashboard.hyperlink(state, width: 80, height: 12) == nil)
    }

    @Test func hostileNamesAreInertAndAFailedReadKeepsTheListMarkedStale() {
        let hostile = ConversationList(account: 1, count: 1, conversations: [
            ListedConversation(id: 9, displayID: 9, inboxID: 13, inbox: "Bill\u{1B}]0;pwned\u{07}ing", channelType: "",
                               status: .open, assigneeID: nil, assignee: nil, teamID: nil, team: nil,
                               labels: ["a\u{1B}[2Jb"], createdAt: Self.at, waitingSince: nil)])
        let state = Self.answered(F.press(Self.loaded(), .down, .enter, .enter).0, .success(hostile))
        let text = Dashboard.view(state, width: 80, height: 12).lines().joined(separator: "\n")
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        let failed = Self.answered(F.press(state, .character("r")).0, .failure(SourceError(.unavailable, "The file is locked.")))
        let lines = Dashboard.view(failed, width: 80, height: 12).lines()
        #expect(lines[2] == " Stale (the list as read at 2026-11-25 12:00:00): The file is locked.")
        #expect(failed.conversations?.list == hostile)
    }
}
