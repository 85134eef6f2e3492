import ChanstatCore
import Testing

/// The queue's rules (SPEC 11) at a fixed instant: how one conversation counts, the buckets at their edges, the
/// none groups, which groups are left out and their order.
@Suite struct QueueRulesTests {
    static let now: Int64 = 1_767_225_600  // 2026-01-01 00:00:00 UTC

    static func counts(_ conversations: [QueueClass]) -> QueueCounts {
        var counts = QueueCounts()
        for conversation in conversations {
            let added = counts.add(conversation, at: now)
            #expect(added)
        }
        return counts
    }

    static func open(waitingSince: Int64?, assignee: Int64? = 5, firstReplyAt: Int64? = now - 99_999,
                     status: Int64 = 0) -> QueueClass {
        QueueClass(status: status, assigneeID: assignee, waitingSince: waitingSince, firstReplyAt: firstReplyAt, at: now)
    }

    @Test(arguments: [
        (0, WaitAge.underOneHour), (3_599, .underOneHour), (3_600, .oneToFourHours), (14_399, .oneToFourHours),
        (14_400, .fourToTwentyFourHours), (86_399, .fourToTwentyFourHours), (86_400, .oneToSevenDays),
        (604_799, .oneToSevenDays), (604_800, .overSevenDays), (31_536_000, .overSevenDays),
    ] as [(Int64, WaitAge)])
    func bucketsHoldTheirLowerEdge(waited: Int64, expected: WaitAge) {
        #expect(WaitAge(waitingSince: Self.now - waited, at: Self.now) == expected)
        #expect(WaitAge(waitedSeconds: waited) == expected)
        let counts = Self.counts([Self.open(waitingSince: Self.now - waited)])
        #expect(counts.waitAges == [expected: 1])
        #expect(counts.oldestWaitSeconds == waited)
    }

    /// The edges a database compares with say the same as the ages: a `waiting_since` equal to an edge is in the
    /// older bucket.
    @Test func theEdgesADatabaseComparesWithAreTheAgesEdges() {
        #expect(WaitAge.edges(at: Self.now) == [Self.now - 3_600, Self.now - 14_400, Self.now - 86_400, Self.now - 604_800])
        for (index, edge) in WaitAge.edges(at: Self.now).enumerated() {
            #expect(WaitAge(waitingSince: edge, at: Self.now) == WaitAge(edgeIndex: Int64(index + 1)))
            #expect(WaitAge(waitingSince: edge + 1, at: Self.now) == WaitAge(edgeIndex: Int64(index)))
        }
        #expect(WaitAge(edgeIndex: -1) == nil && WaitAge(edgeIndex: 5) == nil)
    }

    @Test func aWaitingSinceAfterNowHasWaitedNothingYet() {
        let counts = Self.counts([Self.open(waitingSince: Self.now + 600)])
        #expect(counts.waiting == 1)
        #expect(counts.waitAges == [.underOneHour: 1])
        #expect(counts.oldestWaitSeconds == 0)
    }

    /// Chatwoot's `unattended`: open, and no first reply or waiting again.
    @Test func unattendedWithAndWithoutAFirstReply() {
        let neverAnswered = Self.open(waitingSince: nil, firstReplyAt: nil)
        let answered = Self.open(waitingSince: nil)
        let answeredAndWaitingAgain = Self.open(waitingSince: Self.now - 60)
        let neverAnsweredAndWaiting = Self.open(waitingSince: Self.now - 60, firstReplyAt: nil)
        #expect(Self.counts([neverAnswered]) == QueueCounts(open: 1, unattended: 1, waitAges: [:]))
        #expect(Self.counts([answered]) == QueueCounts(open: 1, unattended: 0, waitAges: [:]))
        #expect(Self.counts([answeredAndWaitingAgain]).unattended == 1)
        #expect(Self.counts([neverAnsweredAndWaiting]).unattended == 1)
        let all = Self.counts([neverAnswered, answered, answeredAndWaitingAgain, neverAnsweredAndWaiting])
        #expect(all.open == 4 && all.unattended == 3 && all.waiting == 2 && all.unassigned == 0)
        #expect(Self.counts([Self.open(waitingSince: nil, assignee: nil)]).unassigned == 1)
    }

    /// A `waiting_since` left on a pending, snoozed or resolved conversation is no wait, and it is not unattended.
    @Test func waitingSinceOnAConversationThatIsNotOpen() {
        let long = Self.now - 30 * 86_400
        let counts = Self.counts([Self.open(waitingSince: long, assignee: nil, firstReplyAt: nil, status: 2),
                                  Self.open(waitingSince: long, assignee: nil, firstReplyAt: nil, status: 3),
                                  Self.open(waitingSince: long, assignee: nil, firstReplyAt: nil, status: 1),
                                  Self.open(waitingSince: long, assignee: nil, firstReplyAt: nil, status: 9)])
        #expect(counts == QueueCounts(open: 0, unattended: 0, unassigned: 0, pending: 1, snoozed: 1, waiting: 0,
                                      oldestWaitSeconds: nil, waitAges: [:]))
        #expect(!counts.isEmpty)
        #expect(Self.counts([Self.open(waitingSince: long, status: 1)]).isEmpty)
    }

    @Test func aCountThatWouldOverflowChangesNothing() {
        var counts = QueueCounts()
        let first = counts.add(QueueClass(status: 0, isAssigned: false, hasFirstReply: false, waitAge: nil, count: .max),
                               at: Self.now)
        #expect(first)
        let before = counts
        let second = counts.add(QueueClass(status: 0, isAssigned: true, hasFirstReply: true, waitAge: nil), at: Self.now)
        #expect(!second)
        #expect(counts == before)
    }

    /// The none groups and rows that are gone are named by `GroupName`; groups with nothing in the queue are left
    /// out; the order is open descending, then name ignoring case, then key.
    @Test func noneGroupsDeletedRowsOrderAndGroupsLeftOut() throws {
        func row(_ group: QueueGroupColumns?, _ status: Int64, count: Int64 = 1) -> (group: QueueGroupColumns?, conversations: QueueClass) {
            (group, QueueClass(status: status, isAssigned: false, hasFirstReply: false, waitAge: nil, count: count))
        }
        let team = try #require(QueueReport.assemble(breakdown: .team, at: Self.now, rows: [
            row(QueueGroupColumns(id: 3, name: "billing"), 0), row(QueueGroupColumns(), 0),
            row(QueueGroupColumns(id: 7), 0), row(QueueGroupColumns(id: 4, name: "Accounts"), 0),
            row(QueueGroupColumns(id: 5, name: "Sales"), 0, count: 2), row(QueueGroupColumns(id: 6, name: "Done"), 1),
            row(nil, 0, count: 5), row(nil, 1),
        ]))
        #expect(team.groups.map(\.name) == ["Sales", "Accounts", "billing", "No team", "Team #7 (deleted)"])
        #expect(team.groups.map(\.key) == [.id(5), .id(4), .id(3), .none, .id(7)])
        #expect(team.total.open == 5)
        let agent = try #require(QueueReport.assemble(breakdown: .agent, at: Self.now, rows: [
            row(QueueGroupColumns(), 0), row(QueueGroupColumns(id: 2, name: "Bob", displayName: "Bobby"), 0),
            row(QueueGroupColumns(id: 1, name: "Ann", displayName: ""), 0), row(QueueGroupColumns(id: 8), 0),
        ]))
        #expect(agent.groups.map(\.name) == ["Agent #8 (deleted)", "Ann", "Bobby", "Unassigned"])
        let label = try #require(QueueReport.assemble(breakdown: .label, at: Self.now, rows: [
            row(QueueGroupColumns(text: "vip"), 3), row(QueueGroupColumns(), 2),
        ]))
        #expect(label.groups.map(\.key) == [.none, .text("vip")])
        #expect(label.groups.map(\.name) == ["No label", "vip"])
        // Two groups of the same name are told apart by key.
        let twins = try #require(QueueReport.assemble(breakdown: .inbox, at: Self.now, rows: [
            row(QueueGroupColumns(id: 9, name: "Mail", channelType: "Channel::Email"), 0),
            row(QueueGroupColumns(id: 2, name: "mail", channelType: "Channel::Email"), 0),
        ]))
        #expect(twins.groups.map(\.key) == [.id(2), .id(9)])
        #expect(twins.groups.map(\.channelType) == ["Channel::Email", "Channel::Email"])
    }

    @Test func jsonWritesUnknownsAsNullNeverZero() {
        let known = QueueCounts(open: 3, unattended: 2, unassigned: 1, pending: 0, snoozed: 1, waiting: 2,
                                oldestWaitSeconds: 5_400, waitAges: [.underOneHour: 1, .oneToFourHours: 1])
        let report = QueueReport(at: Self.now, breakdown: .channel, groups: [
            QueueGroup(key: .text("Channel::Email"), name: "Email", counts: known)], total: known)
        #expect(QueueJSON.encode(report) == """
            {"at":1767225600,"by":"channel","groups":[{"key":"Channel::Email","name":"Email","open":3,"unattended":2,\
            "unassigned":1,"pending":0,"snoozed":1,"waiting":2,"oldest_wait":5400,"wait":{"under_1h":1,"1h_to_4h":1,\
            "4h_to_24h":0,"1d_to_7d":0,"over_7d":0}}],"total":{"open":3,"unattended":2,"unassigned":1,"pending":0,\
            "snoozed":1,"waiting":2,"oldest_wait":5400,"wait":{"under_1h":1,"1h_to_4h":1,"4h_to_24h":0,"1d_to_7d":0,\
            "over_7d":0}}}
            """)
        let unknown = QueueCounts(open: 1, unattended: 1, unassigned: 0, pending: nil, snoozed: nil, waiting: nil,
                                  oldestWaitSeconds: nil, waitAges: nil)
        let overHTTP = QueueReport(at: Self.now, breakdown: .team, groups: [QueueGroup(key: .none, name: "No team", counts: unknown)],
                                   total: unknown)
        #expect(QueueJSON.encode(overHTTP).contains(#"{"key":null,"name":"No team","open":1,"unattended":1,"unassigned":0,"pending":null,"snoozed":null,"waiting":null,"oldest_wait":null,"wait":null}"#))
        #expect(QueueCSV.render(overHTTP).split(separator: "\n")[1] == "group,,No team,1,1,0,,,,,,,,,")
        #expect(QueueColumn.hasUnknown(in: overHTTP))
        #expect(!QueueColumn.hasUnknown(in: report))
    }

    @Test func waitsReadAsAPersonSaysThem() {
        #expect([0, 59, 60, 5_400, 7_200, 86_400, 97_200, 864_000].map { WaitDuration.text($0) }
                == ["0s", "59s", "1m", "1h 30m", "2h", "1d", "1d 3h", "10d"])
    }
}
