/// Which end of a range a problem belongs to, so the dashboard can show it under the right field.
public enum RangeField: String, Sendable, Equatable {
    case since, until
}

/// Everything that can be wrong with a date range, each with the sentence a person reads.
/// The CLI prints it, `serve` returns it, and the dashboard shows it under the field: one wording everywhere.
public enum RangeError: Error, Equatable, Sendable {
    case missing(RangeField)
    case notAWhen(RangeField, text: String)
    case notAfter
    case tooLong

    /// The sentence, in the words of docs/report.md.
    public var message: String {
        switch self {
        case .missing(let field):
            return "\(field.rawValue) is missing"
        case .notAWhen(let field, let text):
            let shown = TerminalSafeText.sanitize(text, maxCharacters: 40)
            return "\(field.rawValue) \"\(shown)\" is not a date: use Unix seconds, YYYY-MM-DD or an ISO 8601 date-time"
        case .notAfter:
            return "until must be after since"
        case .tooLong:
            return DateRange.tooLongMessage
        }
    }

    /// The field the problem is shown under.
    public var field: RangeField {
        switch self {
        case .missing(let field), .notAWhen(let field, _): return field
        case .notAfter, .tooLong: return .until
        }
    }
}

extension RangeError: CustomStringConvertible {
    public var description: String { message }
}
