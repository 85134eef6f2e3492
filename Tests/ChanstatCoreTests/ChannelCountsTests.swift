import ChanstatCore
import Testing

@Suite struct ChannelCountsTests {
    @Test func totalIsTheSumOfTheFour() throws {
        let c = try #require(ChannelCounts(open: 2, resolved: 1, pending: 1, snoozed: 1))
        #expect(c.open == 2 && c.resolved == 1 && c.pending == 1 && c.snoozed == 1)
        #expect(c.total == 5)
        #expect(c[.pending] == 1)
        #expect(ChannelCounts().total == 0)
    }

    @Test func negativeCountsAreRefused() {
        #expect(ChannelCounts(open: -1, resolved: 0, pending: 0, snoozed: 0) == nil)
        var c = ChannelCounts()
        do { let added = c.add(-1, to: .open); #expect(!added) }
        #expect(c == ChannelCounts())
    }

    @Test func overflowIsRefusedAndChangesNothing() throws {
        #expect(ChannelCounts(open: .max, resolved: 0, pending: 0, snoozed: 0)?.total == .max)
        #expect(ChannelCounts(open: .max, resolved: 1, pending: 0, snoozed: 0) == nil)
        #expect(ChannelCounts(open: .max / 2, resolved: .max / 2, pending: 2, snoozed: 0) == nil)
        var c = try #require(ChannelCounts(open: .max - 1, resolved: 0, pending: 0, snoozed: 0))
        do { let added = c.add(2, to: .resolved); #expect(!added) }
        #expect(c.resolved == 0 && c.total == .max - 1)
        do { let added = c.add(1, to: .resolved); #expect(added) }
        #expect(c.total == .max)
        var d = counts(1, 0, 0, 0)
        do { let added = d.add(c); #expect(!added) }
        #expect(d == counts(1, 0, 0, 0))
        do { let added = d.add(counts(1, 2, 3, 4)); #expect(added) }
        #expect(d == counts(2, 2, 3, 4))
    }
}

@Suite struct ChannelSummaryTests {
    @Test func unknownStatusesAndZeroCountsAreIgnored() {
        var s = ChannelSummary()
        do { let added = s.add(channelType: "Channel::Email", statusCode: 7, count: 5); #expect(added) }
        do { let added = s.add(channelType: "Channel::Email", statusCode: nil, count: 5); #expect(added) }
        do { let added = s.add(channelType: "Channel::Api", statusCode: 0, count: 0); #expect(added) }
        #expect(s.isEmpty)
        do { let added = s.add(channelType: "Channel::Email", statusCode: 3, count: 2); #expect(added) }
        do { let added = s.add(channelType: "Channel::Email", statusCode: 3, count: 1); #expect(added) }
        #expect(s.channels == ["Channel::Email": counts(0, 0, 0, 3)])
    }

    @Test func channelTypesWithNothingAreLeftOut() {
        let s = ChannelSummary(channels: ["Channel::Email": ChannelCounts(), "Channel::Sms": counts(0, 1, 0, 0)])
        #expect(s.sortedChannelTypes == ["Channel::Sms"])
    }

    @Test func overflowIsReported() {
        var s = ChannelSummary()
        do { let added = s.add(channelType: "a", statusCode: 0, count: .max); #expect(added) }
        do { let added = s.add(channelType: "a", statusCode: 1, count: 1); #expect(!added) }
        do { let added = s.add(channelType: "a", statusCode: 1, count: -1); #expect(!added) }
        do { let added = s.add(channelType: "b", statusCode: 0, count: 1); #expect(added) }
        #expect(s.totals == nil)
        #expect(specExample().totals == counts(3, 3, 1, 1))
    }
}
