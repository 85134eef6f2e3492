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
    /// Longer than `DateRange.maximumSeconds`; the length, or nil when it is beyond what 64 bits hold.
    case tooLong(lengthSeconds: Int64?)
    /// A plain number that looks like something else than Unix seconds: a date without dashes (`20261101`, refused
    /// whatever the range), or milliseconds (`1793491200000`, named when they made the range impossible).
    case misreadNumber(RangeField, text: String, guess: NumberGuess)

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
        case .tooLong(let length):
            // Chatwoot's own words first (serve answers them alone), then the numbers a person needs.
            // Just over the limit rounds to the limit's own 182.6: then the seconds tell them apart.
            let given = length.map { length in
                Self.days(length) == Self.days(DateRange.maximumSeconds)
                    ? "; this range is \(length) seconds, the limit \(DateRange.maximumSeconds)"
                    : "; this range is \(Self.days(length)) days"
            } ?? ""
            return "\(DateRange.tooLongMessage) (\(Self.days(DateRange.maximumSeconds)) days)\(given)"
        case .misreadNumber(let field, let text, let guess):
            let shown = TerminalSafeText.sanitize(text, maxCharacters: 40)
            switch guess {
            case .dateWithoutDashes(let date):
                return "\(field.rawValue) \"\(shown)\" is not taken as Unix seconds (a moment in 1970): a date "
                    + "without dashes? write \(date)"
            case .milliseconds(let seconds):
                return "\(field.rawValue) \"\(shown)\" is read as Unix seconds (tens of thousands of years away): "
                    + "milliseconds? write \(seconds)"
            }
        }
    }

    /// "182.6": days with one decimal, as the limit is usually quoted.
    static func days(_ seconds: Int64) -> String {
        String(format: "%.1f", Double(seconds) / 86_400)
    }

    /// The field the problem is shown under.
    public var field: RangeField {
        switch self {
        case .missing(let field), .notAWhen(let field, _), .misreadNumber(let field, _, _): return field
        case .notAfter, .tooLong: return .until
        }
    }
}

/// What a plain number given as a WHEN probably meant.
public enum NumberGuess: Equatable, Sendable {
    /// Eight digits that make a real day of the years 1900-2199, e.g. 20261101: the day, written as a date
    /// (2026-11-01). As seconds they would be a moment of August or September 1970, which no one means; a number
    /// of another shape or year (15778476) stays Unix seconds.
    case dateWithoutDashes(String)
    /// Thirteen digits: milliseconds; the whole seconds they stand for.
    case milliseconds(Int64)

    /// The guess for `text`, or nil when it is not a plain number of either shape.
    static func guess(_ text: String) -> NumberGuess? {
        let digits = Array(text.utf8)
        guard digits.allSatisfy(\.isASCIIDigit) else { return nil }
        if digits.count == 13, let value = Int64(text) { return .milliseconds(value / 1000) }
        guard digits.count == 8, let value = Int(text) else { return nil }
        let date = CivilDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
        guard let date, (1900...2199).contains(value / 10_000) else { return nil }
        return .dateWithoutDashes("\(date)")
    }
}

extension RangeError: CustomStringConvertible {
    public var description: String { message }
}
