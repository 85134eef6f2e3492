@testable import ChanstatCore
import Testing

@Suite struct SamplePlanTests {
    static let options = SampleOptions(conversations: 4_000, accounts: 3, days: 90, endInstant: 1_772_323_200, seed: 7)

    @Test func statusByAge() {
        var random = SplitMix64(seed: 1)
        let plan = SamplePlan(options: Self.options)
        func resolved(ageDays: Double) -> Int {
            (0..<2_000).filter { _ in plan.status(ageSeconds: Int64(ageDays * 86_400), random: &random) == .resolved }.count
        }
        #expect(resolved(ageDays: 0) < 700)        // about 25% resolved when new
        #expect(resolved(ageDays: 60) > 1_850)     // about 97% when two months old
    }

    /// Day by day and all at once give the same rows: the PostgreSQL writer sends a day at a time, the SQLite
    /// writer takes them all, and both must write the same data for the same seed.
    @Test func dayByDayEqualsAllAtOnce() {
        var whole = SamplePlan(options: Self.options), daily = SamplePlan(options: Self.options)
        var all: [SampleConversation] = [], byDay: [SampleConversation] = []
        whole.forEachConversation { all.append($0) }
        var days = 0
        while daily.nextDayOfConversations({ byDay.append($0) }) { days += 1 }
        #expect(days == 90)
        #expect(all.count == 4_000)
        #expect(all == byDay)
        #expect(all.map(\.createdAt) == all.map(\.createdAt).sorted())
        #expect(all.allSatisfy { $0.createdAt < Self.options.endInstant && $0.createdAt >= Self.options.endInstant - 90 * 86_400 })
    }

    /// Users come before conversations in the one random sequence, so the tokens do not depend on the count.
    @Test func tokensDoNotDependOnTheConversationCount() {
        var small = SamplePlan(options: Self.options)
        var large = SamplePlan(options: SampleOptions(conversations: 40_000, accounts: 3, days: 90,
                                                      endInstant: 1_772_323_200, seed: 7))
        let (smallUsers, smallBot) = small.users(), (largeUsers, largeBot) = large.users()
        #expect(smallUsers == largeUsers)
        #expect(smallBot == largeBot)
        #expect(smallUsers.count == 6)
        #expect(Set(smallUsers.map(\.token)).count == 6)
        #expect(small.credentials(users: smallUsers, botToken: smallBot).last?.role == "bot")
    }
}
