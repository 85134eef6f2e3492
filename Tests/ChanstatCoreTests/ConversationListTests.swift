import ChanstatCore
import Foundation
import Testing

/// The list's rules in Core (docs/report.md "Lists"): the limit, the web address, the filter of a group, the
/// names of gone rows, and the three formats' exact text.
@Suite struct ConversationListTests {
    static let conversation = ListedConversation(
        id: 7, displayID: 41, inboxID: 2, inbox: "Mail \"A\"\u{1B}[2J", channelType: "Channel::Email", status: .open,
        assigneeID: 5, userDisplayName: "", userName: nil, teamID: nil, teamName: "ignored", labels: ["vip", nil, "=x"],
        createdAt: 1_000, waitingSince: 4_600)

    @Test func theLimitIsOneToAThousandFiftyByDefault() {
        #expect(ListLimit(0) == nil && ListLimit(1001) == nil && ListLimit(-5) == nil)
        #expect(ListLimit(1)?.value == 1 && ListLimit(1000)?.value == 1000)
        #expect(ListLimit.standard.value == 50)
    }

    @Test func webAddressesMakeNoDoubleSlashAndHoldNoSecret() throws {
        #expect(try WebAddress("https://chat.example.com").conversation(account: 3, displayID: 12)
                == "https://chat.example.com/app/accounts/3/conversations/12")
        #expect(try WebAddress("https://chat.example.com///").base == "https://chat.example.com")
        #expect(try WebAddress("http://10.0.0.1:3000/chatwoot/").base == "http://10.0.0.1:3000/chatwoot")
        for bad in ["chat.example.com", "ftp://chat.example.com", "https://", "https://u:p@chat.example.com",
                    "https://u@chat.example.com", "https://chat.example.com/#x", "https://chat.example.com?a=b", ""] {
            #expect(throws: WebAddress.Problem.self, "\(bad)") { _ = try WebAddress(bad) }
        }
    }

    @Test func goneRowsAndNoneAreNamedAsTheBreakdownsNameThem() {
        let c = Self.conversation
        #expect(c.assignee == "Agent #5 (deleted)")
        #expect(c.team == nil, "no team is null, whatever a join found")
        #expect(c.labels == ["=x", "vip"], "sorted, the NULL-named tag left out")
        #expect(c.isWaiting)
        let named = ListedConversation(id: 1, displayID: nil, inboxID: 1, inbox: nil, channelType: nil, status: .pending,
                                       assigneeID: 2, userDisplayName: "Ann", userName: "Ann Long", teamID: 9,
                                       teamName: nil, labels: [], createdAt: 0, waitingSince: 10)
        #expect(named.assignee == "Ann" && named.team == "Team #9 (deleted)" && named.channelType == "")
        #expect(!named.isWaiting, "pending with waiting_since is not waiting")
    }

    @Test func aGroupKeyBecomesItsFilter() {
        #expect(ConversationFilter.group(.text("Channel::Sms"), of: .channel) == ConversationFilter(channelType: "Channel::Sms"))
        #expect(ConversationFilter.group(.id(4), of: .inbox) == ConversationFilter(inboxID: 4))
        #expect(ConversationFilter.group(.none, of: .team) == ConversationFilter(team: ConversationFilter.Group.none))
        #expect(ConversationFilter.group(.id(3), of: .agent) == ConversationFilter(agent: .named(3)))
        #expect(ConversationFilter.group(.text("vip"), of: .label) == ConversationFilter(label: .named("vip")))
        #expect(ConversationFilter.group(.text("x"), of: .team) == nil)
        #expect(ConversationFilter.group(.id(1), of: .day) == nil)
    }

    @Test func queueStatesOnlyWithTheQueue() {
        #expect(ConversationFilter(queueStates: [.waiting]).problem(queue: false) != nil)
        #expect(ConversationFilter(queueStates: [.waiting]).problem(queue: true) == nil)
        #expect(ConversationFilter(status: .resolved).problem(queue: true) != nil)
        #expect(ConversationFilter(status: .pending, queueStates: [.unassigned]).problem(queue: true) != nil)
        #expect(ConversationFilter(status: .resolved).problem(queue: false) == nil)
    }

    @Test func theFormatsTextExactly() throws {
        let list = ConversationList(account: 3, count: 9, conversations: [Self.conversation])
        let web = try WebAddress("https://chat.example.com/")
        #expect(ConversationListJSON.encode(list, web: web) == #"{"count":9,"conversations":[{"id":7,"display_id":41,"#
                + #""inbox_id":2,"inbox":"Mail \"A\"\u001b[2J","channel_type":"Channel::Email","status":"open","#
                + #""assignee_id":5,"assignee":"Agent #5 (deleted)","team_id":null,"team":null,"labels":["=x","vip"],"#
                + #""created_at":1000,"waiting_since":4600,"url":"https://chat.example.com/app/accounts/3/conversations/41"}]}"#)
        #expect(ConversationListJSON.encode(ConversationList(account: 3, count: 0, conversations: []), web: nil)
                == #"{"count":0,"conversations":[]}"#)
        #expect(ConversationListCSV.render(list, web: nil) == """
            id,display_id,inbox_id,inbox,channel_type,status,assignee_id,assignee,team_id,team,labels,created_at,waiting_since,url
            7,41,2,"Mail ""A""\u{FFFD}[2J",Channel::Email,open,5,Agent #5 (deleted),,,'=x;vip,1000,4600,

            """)
        let table = ConversationListTable.render(list, web: web, now: 1_000 + 2 * 86_400 + 3 * 3_600)
        #expect(table.contains("2d 3h") && table.contains("2d 2h") && table.contains("/conversations/41"), "\(table)")
        #expect(table.hasSuffix("9 conversations, the first 1 shown (--limit)\n"))
        #expect(!table.contains("\u{1B}"))
    }

    @Test func agesAsATableShowsThem() {
        #expect(AgeText.of(seconds: -5) == "0s")
        #expect(AgeText.of(seconds: 59) == "59s" && AgeText.of(seconds: 60) == "1m")
        #expect(AgeText.of(seconds: 3_600) == "1h" && AgeText.of(seconds: 3_660) == "1h 1m")
        #expect(AgeText.of(seconds: 86_400) == "1d" && AgeText.of(seconds: 90_000) == "1d 1h")
    }
}
