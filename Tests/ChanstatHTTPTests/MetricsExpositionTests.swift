import ChanstatCore
import ChanstatServer
import ChanstatTestSupport
import Testing

/// The text format of `/metrics` and `report --format prometheus` (swift-prometheus' exposition): promtool
/// accepts it, channel types from outside included, and reading it back gives the exact values.
@Suite struct MetricsExpositionTests {
    /// Channel types a database may hold: quotes, backslashes, a newline, an escape sequence, emoji, a NULL ("").
    static let hostile = ["Channel::\"Quoted\"", "Channel::Back\\slash\\", "Channel::Two\nLines", "Channel::\u{1B}[31mRed",
                          "Channel::👩‍💻 Chat", ""]

    static func families() -> [MetricFamily] {
        var summary = ChannelSummary()
        for (index, type) in hostile.enumerated() { summary.add(channelType: type, statusCode: 0, count: Int64(index + 1)) }
        let groups = hostile.enumerated().map { index, type in
            QueueGroup(key: .text(type), name: type,
                       counts: QueueCounts(open: Int64(index + 1), waiting: 1, oldestWaitSeconds: Int64(60 * (index + 1))))
        }
        let account = AccountMetrics(accountID: 3, created: [CreatedInRange(preset: .last30Days, summary: summary)],
                                     queue: QueueReport(at: 0, breakdown: .channel, groups: groups, total: QueueCounts()))
        return ChatwootMetrics.families([account], health: SourceHealth(up: true, readSeconds: 0.5))
    }

    @Test(.enabled(if: Shell.exists("promtool"), "needs promtool (scripts/setup installs prometheus)"))
    func promtoolAcceptsHostileChannelTypes() throws {
        let checked = try Exposition.promtool(MetricsExposition.text(Self.families()))
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    }

    @Test func labelValuesReadBackExactly() throws {
        let text = MetricsExposition.text(Self.families())
        let samples = try #require(Exposition.samples(text))
        for (index, type) in Self.hostile.enumerated() {
            let created = ["account_id": "3", "channel_type": type, "status": "open", "range": "30d"]
            #expect(Exposition.value(samples, "chatwoot_conversations_created", created) == Double(index + 1))
            #expect(Exposition.value(samples, "chatwoot_queue_oldest_wait_seconds",
                                     ["account_id": "3", "channel_type": type]) == Double(60 * (index + 1)))
        }
        #expect(Exposition.value(samples, "chanstat_source_up") == 1)
        // Escaped in the text: a raw newline inside a label would end the sample line.
        #expect(text.contains(#"channel_type="Channel::Two\nLines""#))
        #expect(text.contains(#"channel_type="Channel::\"Quoted\"""#))
        #expect(text.contains(#"channel_type="Channel::Back\\slash\\""#))
        #expect(text.contains("# TYPE chatwoot_queue_conversations gauge"))
        #expect(text.contains("# HELP chanstat_source_up "))
    }

    @Test func onATerminalControlCharactersAreMadeVisible() throws {
        let text = MetricsExposition.text(Self.families(), visibleControls: true)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
        let samples = try #require(Exposition.samples(text))
        #expect(Exposition.value(samples, "chatwoot_queue_oldest_wait_seconds",
                                 ["account_id": "3", "channel_type": "Channel::\u{FFFD}[31mRed"]) == 240)
    }
}
