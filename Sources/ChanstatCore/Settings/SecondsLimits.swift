/// A setting in seconds with the range it may take, from a flag or a profile: one rule, one wording.
public protocol SecondsLimits {
    static var range: ClosedRange<Double> { get }
    /// Only whole seconds are accepted (what the dashboard shows and times is whole seconds).
    static var wholeSecondsOnly: Bool { get }
}

extension SecondsLimits {
    public static var wholeSecondsOnly: Bool { false }

    /// `seconds` when it is within `range` (and whole, where required); nil otherwise (NaN included).
    public static func validated(_ seconds: Double) -> Double? {
        guard range.contains(seconds), !wholeSecondsOnly || seconds == seconds.rounded() else { return nil }
        return seconds
    }

    /// "1 to 86400", "0.1 to 600", "a whole number from 1 to 86400": the range as the messages say it.
    public static var described: String {
        let span = "\(Self.words(range.lowerBound)) to \(Self.words(range.upperBound))"
        return wholeSecondsOnly ? "a whole number from \(span)" : span
    }

    private static func words(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// Automatic refresh, in one place: the intervals accepted from `--refresh` and a profile's `refresh` (at least
/// a second: a faster poll only loads the source; at most a day), and the defaults when nothing says. A file
/// is cheap to query, and so is one indexed query on a database (once a minute per dashboard); a Chatwoot
/// server is someone else's machine (Chatwoot's own reports screen does not poll at all), so it is asked less.
public enum RefreshLimits: SecondsLimits {
    public static let range: ClosedRange<Double> = 1...86_400
    /// 1.5 would be shown (and felt) as 2 s: refused with a sentence instead of rounded without a word.
    public static let wholeSecondsOnly = true
    public static let defaultForFile: Double = 60
    public static let defaultForServer: Double = 300
}

/// A PostgreSQL report's `statement_timeout`, from `--statement-timeout` or a profile's `statement_timeout`:
/// 10 s unless told, between a tenth of a second and ten minutes (a dashboard waiting longer helps nobody).
public enum StatementTimeoutLimits: SecondsLimits {
    public static let defaultSeconds: Double = 10
    public static let range: ClosedRange<Double> = 0.1...600
}
