import Foundation

/// The channel summary payload (docs/report.md), both ways. Written by hand because the key order
/// (`open, resolved, pending, snoozed, total`) is part of the contract and JSONEncoder does not keep order.
public enum ReportJSON {
    /// One line, channel types sorted, counts in payload order.
    public static func encode(_ summary: ChannelSummary) -> String {
        "{" + summary.sortedChannelTypes.map { quoted($0) + ":" + counts(summary.channels[$0]!) }.joined(separator: ",") + "}"
    }

    /// A JSON string literal (RFC 8259): quotes, backslashes and every control character escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Why a body is not a report payload, as one sentence.
    public struct DecodingFailure: Error, Equatable, Sendable {
        public let reason: String

        public init(reason: String) { self.reason = reason }
    }

    /// Reads a payload strictly: an object of objects with the four whole, non-negative counts.
    /// A `total` that is present must equal their sum; a key twice in one object is refused; anything else
    /// is garbage and says so.
    public static func decode(_ data: Data) throws(DecodingFailure) -> ChannelSummary {
        let raw: [String: RawCounts]
        do {
            raw = try JSONDecoder().decode([String: RawCounts].self, from: data)
        } catch let error as DecodingError {
            throw DecodingFailure(reason: describe(error, body: data))
        } catch {
            throw DecodingFailure(reason: "the body is not valid JSON")
        }
        if let key = DuplicateJSONKeys.first(in: data) {
            throw DecodingFailure(reason: "\"\(TerminalSafeText.sanitize(key, maxCharacters: 40))\" appears twice in one "
                                  + "object, so the body has no single meaning")
        }
        var channels: [String: ChannelCounts] = [:]
        for (channelType, value) in raw {
            let name = TerminalSafeText.sanitize(channelType, maxCharacters: 40)
            guard let counts = ChannelCounts(open: value.open, resolved: value.resolved,
                                             pending: value.pending, snoozed: value.snoozed) else {
                throw DecodingFailure(reason: "the counts for \"\(name)\" are negative or too large")
            }
            if let total = value.total, total != counts.total {
                throw DecodingFailure(reason: "the total for \"\(name)\" is \(total), not the sum of its counts (\(counts.total))")
            }
            channels[channelType] = counts
        }
        return ChannelSummary(channels: channels)
    }

    private struct RawCounts: Decodable {
        let open: Int64, resolved: Int64, pending: Int64, snoozed: Int64
        let total: Int64?
    }

    private static func describe(_ error: DecodingError, body: Data) -> String {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // Foundation reports a count such as 1.5 (or one too large for 64 bits) as invalid JSON, at no path.
            let isJSON = (try? JSONSerialization.jsonObject(with: body, options: .fragmentsAllowed)) != nil
            return isJSON ? "a count in the body is not a whole number" : "the body is not valid JSON"
        case .typeMismatch(_, let context) where context.codingPath.isEmpty,
             .valueNotFound(_, let context) where context.codingPath.isEmpty:
            return "the body is not a channel summary"
        case .typeMismatch(_, let context) where context.codingPath.count == 1,
             .valueNotFound(_, let context) where context.codingPath.count == 1:
            return "\(path(context.codingPath)) is not a channel's counts"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context.codingPath)) is not a whole number"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath)) has no \"\(key.stringValue)\" count"
        @unknown default:
            return "the body is not a channel summary"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "the body" }
        let names = keys.map { TerminalSafeText.sanitize($0.stringValue, maxCharacters: 40) }
        return "\"" + names.joined(separator: ".") + "\""
    }
}
