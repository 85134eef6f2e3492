import ChanstatCore
import Testing

/// The families of SPEC 13 built from constructed reports: names, labels and values, counted by hand here.
@Suite struct ChatwootMetricsTests {
    static func summary(_ rows: [(String, Int64, Int64)]) -> ChannelSummary {
        var summary = ChannelSummary()
        for (type, status, count) in rows { summary.add(channelType: type, statusCode: status, count: count) }
        return summary
    }

    static let queue = QueueReport(at: 1_767_225_600, breakdown: .channel, groups: [
        QueueGroup(key: .text("Channel::Email"), name: "Email",
                   counts: QueueCounts(open: 3, unattended: 2, unassigned: 1, pending: 0, snoozed: 1, waiting: 2,
                                       oldestWaitSeconds: 5400)),
        QueueGroup(key: .text(""), name: "", counts: QueueCounts(open: 1, unattended: 1, unassigned: 1)),
    ], total: QueueCounts(open: 4, unattended: 3, unassigned: 2, pending: 0, snoozed: 1, waiting: 2, oldestWaitSeconds: 5400))

    static let account = AccountMetrics(accountID: 7, created: [
        // today: Email 1 open + 2 resolved; a NULL channel type (""): 1 pending.
        CreatedInRange(preset: .today, summary: summary([("Channel::Email", 0, 1), ("Channel::Email", 1, 2), ("", 2, 1)])),
        // 7d: Email 4 snoozed.
        CreatedInRange(preset: .last7Days, summary: summary([("Channel::Email", 3, 4)])),
    ], queue: queue)

    static func value(_ families: [MetricFamily], _ name: String, _ labels: [String: String]) -> Double? {
        let family = families.first { $0.name == name }
        let matches = family?.samples.filter { sample in
            Dictionary(uniqueKeysWithValues: sample.labels.map { ($0.name, $0.value) }) == labels
        } ?? []
        return matches.count == 1 ? matches[0].value : nil
    }

    @Test func createdInRangePerStatusWithZeros() {
        let families = ChatwootMetrics.families([Self.account], health: SourceHealth(up: true, readSeconds: 0.25))
        let created = families.first { $0.name == "chatwoot_conversations_created" }
        // today: two channel types x four statuses; 7d: one x four.
        #expect(created?.samples.count == 12)
        let email = ["account_id": "7", "channel_type": "Channel::Email", "range": "today"]
        #expect(Self.value(families, "chatwoot_conversations_created", email.merging(["status": "open"]) { $1 }) == 1)
        #expect(Self.value(families, "chatwoot_conversations_created", email.merging(["status": "resolved"]) { $1 }) == 2)
        #expect(Self.value(families, "chatwoot_conversations_created", email.merging(["status": "snoozed"]) { $1 }) == 0)
        let null = ["account_id": "7", "channel_type": "", "range": "today", "status": "pending"]
        #expect(Self.value(families, "chatwoot_conversations_created", null) == 1)
        let week = ["account_id": "7", "channel_type": "Channel::Email", "range": "7d", "status": "snoozed"]
        #expect(Self.value(families, "chatwoot_conversations_created", week) == 4)
    }

    @Test func theQueueByStateAndTheOldestWaitWhereSomeoneWaits() {
        let families = ChatwootMetrics.families([Self.account], health: SourceHealth(up: true, readSeconds: 0.25))
        // Two channel types x six states.
        #expect(families.first { $0.name == "chatwoot_queue_conversations" }?.samples.count == 12)
        let email = ["account_id": "7", "channel_type": "Channel::Email"]
        let states: [(String, Double)] = [("open", 3), ("unattended", 2), ("unassigned", 1), ("pending", 0),
                                          ("snoozed", 1), ("waiting", 2)]
        for (state, expected) in states {
            #expect(Self.value(families, "chatwoot_queue_conversations", email.merging(["state": state]) { $1 }) == expected)
        }
        // Only Email has someone waiting.
        let oldest = families.first { $0.name == "chatwoot_queue_oldest_wait_seconds" }
        #expect(oldest?.samples == [MetricSample([MetricLabel("account_id", "7"), MetricLabel("channel_type", "Channel::Email")], 5400)])
        #expect(Self.value(families, "chanstat_source_up", [:]) == 1)
        #expect(Self.value(families, "chanstat_source_read_seconds", [:]) == 0.25)
    }

    @Test func unknownNumbersAreLeftOutNeverZero() {
        let overHTTP = QueueReport(at: 0, breakdown: .channel, groups: [
            QueueGroup(key: .text("Channel::Api"), name: "API",
                       counts: QueueCounts(open: 2, unattended: 1, unassigned: 0, pending: nil, snoozed: nil,
                                           waiting: nil, oldestWaitSeconds: nil, waitAges: nil)),
        ], total: QueueCounts())
        let families = ChatwootMetrics.families([AccountMetrics(accountID: 1, created: [], queue: overHTTP)],
                                                health: SourceHealth(up: true, readSeconds: 1))
        let states = families.first { $0.name == "chatwoot_queue_conversations" }?.samples
            .compactMap { $0.labels.first { $0.name == "state" }?.value }
        #expect(states == ["open", "unattended", "unassigned"])
        #expect(!families.contains { $0.name == "chatwoot_queue_oldest_wait_seconds" })
        #expect(!families.contains { $0.name == "chatwoot_conversations_created" })
    }

    @Test func aFailedSourceIsUpZeroAndNothingElse() {
        let families = ChatwootMetrics.sourceFamilies(.down)
        #expect(families == [MetricFamily(name: "chanstat_source_up", help: families.first?.help ?? "",
                                          samples: [MetricSample([], 0)])])
    }

    @Test func metricsRangesByName() throws {
        #expect(try MetricsRanges.parse("today,7d,30d") == [.today, .last7Days, .last30Days])
        #expect(try MetricsRanges.parse("this-month, today,today") == [.thisMonth, .today])
        #expect(throws: MetricsRanges.ParseError.self) { try MetricsRanges.parse("today,week") }
        #expect(throws: MetricsRanges.ParseError.self) { try MetricsRanges.parse("") }
    }
}
