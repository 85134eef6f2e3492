/// How a key is written and ordered, once for every format: ids by number, texts by their raw text (a channel
/// type, a label's name), the none group last. This is the "raw key" order that breaks ties and that the CSV of
/// channels is sorted by, so that runs diff cleanly.
extension GroupKey: Comparable {
    public static func < (a: GroupKey, b: GroupKey) -> Bool {
        switch (a, b) {
        case let (.id(x), .id(y)): return x < y
        case let (.text(x), .text(y)): return x < y
        case (.id, .text), (.id, .none), (.text, .none): return true
        default: return false
        }
    }

    /// The key as `ReportRow.key` holds it (what the dashboard keeps its selection by): the id's digits, the
    /// text itself, or "" for the none group.
    public var rowKey: String {
        switch self {
        case .id(let id): return String(id)
        case .text(let text): return text
        case .none: return ""
        }
    }

    /// JSON: an integer, a string, or null.
    public var json: String {
        switch self {
        case .id(let id): return String(id)
        case .text(let text): return ReportJSON.quoted(text)
        case .none: return "null"
        }
    }
}
