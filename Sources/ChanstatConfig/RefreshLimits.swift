/// The refresh intervals accepted from `--refresh` and from a profile's `refresh`: at least a second (a
/// faster poll only loads the source), at most a day.
public enum RefreshLimits {
    public static let range: ClosedRange<Double> = 1...86_400

    /// `seconds` when it is within `range`; nil otherwise (NaN included).
    public static func validated(_ seconds: Double) -> Double? { range.contains(seconds) ? seconds : nil }
}

/// A PostgreSQL report's `statement_timeout`, from `--statement-timeout` or a profile's `statement_timeout`:
/// 10 s unless told, between a tenth of a second and ten minutes (a dashboard waiting longer helps nobody).
public enum StatementTimeoutLimits {
    public static let defaultSeconds: Double = 10
    public static let range: ClosedRange<Double> = 0.1...600

    public static func validated(_ seconds: Double) -> Double? { range.contains(seconds) ? seconds : nil }
}
