import ChanstatCore

/// The payload of docs/report.md: WebWidget 2/1/1/1 (total 5), Email 1/2/0/0 (total 3).
func specExample() -> ChannelSummary {
    var summary = ChannelSummary()
    for (type, status, count) in [("Channel::WebWidget", 0, 2), ("Channel::WebWidget", 1, 1),
                                  ("Channel::WebWidget", 2, 1), ("Channel::WebWidget", 3, 1),
                                  ("Channel::Email", 0, 1), ("Channel::Email", 1, 2)] as [(String, Int64, Int64)] {
        summary.add(channelType: type, statusCode: status, count: count)
    }
    return summary
}

func counts(_ open: Int64, _ resolved: Int64, _ pending: Int64, _ snoozed: Int64) -> ChannelCounts {
    ChannelCounts(open: open, resolved: resolved, pending: pending, snoozed: snoozed)!
}
