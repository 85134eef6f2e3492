import Foundation

/// `report --format csv`: a header row, then one row per channel type in payload order (RFC 4180 quoting).
/// Channel types are untrusted: control characters are replaced so a CSV printed on a terminal is harmless,
/// and a leading formula character is quoted with a `'` so spreadsheets do not evaluate it.
public enum ReportCSV {
    public static func render(_ summary: ChannelSummary) -> String {
        var lines = [(["channel_type", "label"] + ConversationStatus.payloadOrder.map(\.key) + ["total"])
            .joined(separator: ",")]
        for channelType in summary.sortedChannelTypes {
            let counts = summary.channels[channelType]!
            let numbers = ConversationStatus.payloadOrder.map { String(counts[$0]) } + [String(counts.total)]
            lines.append(([field(channelType), field(ChannelLabel.label(for: channelType))] + numbers)
                .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func field(_ raw: String) -> String {
        var text = TerminalSafeText.sanitize(raw, maxCharacters: 1_000)
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { ",\"\n\r".contains($0) }) || text.hasPrefix(" ") || text.hasSuffix(" ") else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
