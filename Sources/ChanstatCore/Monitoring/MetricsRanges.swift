import Foundation

/// The ranges of `chatwoot_conversations_created` (serve's `--metrics-ranges`): presets by name, comma-separated,
/// each at most once. Every preset is a range that serve's time zone gives at each scrape.
public enum MetricsRanges {
    public static let standard: [RangePreset] = [.today, .last7Days, .last30Days]

    public static func parse(_ text: String) throws(ParseError) -> [RangePreset] {
        var presets: [RangePreset] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let preset = RangePreset(rawValue: trimmed) else { throw ParseError(name: trimmed) }
            if !presets.contains(preset) { presets.append(preset) }
        }
        return presets
    }

    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public let name: String
        public var description: String {
            "--metrics-ranges takes preset names separated by commas ("
                + RangePreset.allCases.map(\.rawValue).joined(separator: ", ") + "), not '"
                + TerminalSafeText.sanitize(name, maxCharacters: 40) + "'"
        }
    }
}
