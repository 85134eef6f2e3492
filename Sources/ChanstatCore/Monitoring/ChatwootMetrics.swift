/// The families of SPEC 13, built from reports: the one place that names them, their labels and their values.
public enum ChatwootMetrics {
    public static let created = "chatwoot_conversations_created"
    public static let queue = "chatwoot_queue_conversations"
    public static let oldestWait = "chatwoot_queue_oldest_wait_seconds"
    public static let sourceUp = "chanstat_source_up"
    public static let readSeconds = "chanstat_source_read_seconds"

    /// The `state` label's values, in SPEC 11's order: the queue's counts (its oldest wait and ages are not states).
    static let queueStates: [QueueColumn] = [.open, .unattended, .unassigned, .pending, .snoozed, .waiting]

    /// Every family for these accounts, and the source's health. A family with no sample is left out (the
    /// text format has no empty family); a number the source cannot know (nil) is left out, never written as 0.
    public static func families(_ accounts: [AccountMetrics], health: SourceHealth) -> [MetricFamily] {
        var created = MetricFamily(name: Self.created, help: "Conversations created in the range that have this status now.")
        var queue = MetricFamily(name: Self.queue, help: "Conversations in the queue now, by state (open, unattended, unassigned, pending, snoozed, waiting).")
        var oldest = MetricFamily(name: Self.oldestWait, help: "Seconds the longest-waiting customer has waited for a reply, where someone waits.")
        for account in accounts.sorted(by: { $0.accountID < $1.accountID }) {
            let accountLabel = MetricLabel("account_id", String(account.accountID))
            for range in account.created {
                for channelType in range.summary.sortedChannelTypes {
                    guard let counts = range.summary.channels[channelType] else { continue }
                    for status in ConversationStatus.payloadOrder {
                        created.samples.append(MetricSample([accountLabel, MetricLabel("channel_type", channelType),
                                                             MetricLabel("status", status.key),
                                                             MetricLabel("range", range.preset.rawValue)],
                                                            Double(counts[status])))
                    }
                }
            }
            for group in account.queue.groups {
                let channel = MetricLabel("channel_type", channelType(of: group))
                for state in queueStates {
                    guard let number = state.value(of: group.counts) else { continue }
                    queue.samples.append(MetricSample([accountLabel, channel, MetricLabel("state", state.key)], Double(number)))
                }
                if let seconds = group.counts.oldestWaitSeconds {
                    oldest.samples.append(MetricSample([accountLabel, channel], Double(seconds)))
                }
            }
        }
        return [created, queue, oldest].filter { !$0.samples.isEmpty } + sourceFamilies(health)
    }

    /// What a scrape gets when the source fails: `chanstat_source_up 0` and no other family, as exporters do.
    public static func sourceFamilies(_ health: SourceHealth) -> [MetricFamily] {
        var families = [MetricFamily(name: sourceUp, help: "1 when the last read of the source worked, else 0.",
                                     samples: [MetricSample([], health.up ? 1 : 0)])]
        if let seconds = health.readSeconds {
            families.append(MetricFamily(name: readSeconds, help: "How long the last read of the source took, in seconds.",
                                         samples: [MetricSample([], seconds)]))
        }
        return families
    }

    /// A queue group's channel type as the payload writes it: a NULL type is "".
    public static func channelType(of group: QueueGroup) -> String {
        if let type = group.channelType { return type }
        switch group.key {
        case .text(let type): return type
        case .id(let id): return String(id)
        case .none: return ""
        }
    }
}
