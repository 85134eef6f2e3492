/// The refresh intervals accepted from `--refresh` and from a profile's `refresh`: at least a second (a
/// faster poll only loads the source), at most a day.
public enum RefreshLimits {
    public static let range: ClosedRange<Double> = 1...86_400

    /// `seconds` when it is within `range`; nil otherwise (NaN included).
    public static func validated(_ seconds: Double) -> Double? { range.contains(seconds) ? seconds : nil }
}
