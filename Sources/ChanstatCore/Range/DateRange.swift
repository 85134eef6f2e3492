/// A half-open range of UTC instants, `since <= created_at < until`, in Unix seconds.
/// The only way to make one is `DateRange(since:until:)`, which applies the rules of docs/report.md,
/// so a `DateRange` value is always one that every part of chanstat (and a Chatwoot server) accepts.
public struct DateRange: Equatable, Hashable, Sendable {
    /// 6 months of 30.436875 days: the limit released Chatwoot servers apply. Exactly this many seconds passes.
    public static let maximumSeconds: Int64 = 15_778_476
    public static let tooLongMessage = "Date range cannot exceed 6 months"

    public let since: Int64
    public let until: Int64

    public init(since: Int64, until: Int64) throws(RangeError) {
        guard since < until else { throw .notAfter }
        // `until - since` cannot overflow here: since < until, and the subtraction is checked.
        let (length, overflow) = until.subtractingReportingOverflow(since)
        guard !overflow, length <= Self.maximumSeconds else { throw .tooLong(lengthSeconds: overflow ? nil : length) }
        self.since = since
        self.until = until
    }

    public var lengthSeconds: Int64 { until - since }

    /// The same length, moved back (`steps` < 0) or forward by whole lengths: the dashboard's `[` and `]`.
    public func stepped(by steps: Int64) throws(RangeError) -> DateRange {
        let (shift, overflow) = lengthSeconds.multipliedReportingOverflow(by: steps)
        guard !overflow else { throw .tooLong(lengthSeconds: nil) }
        let (newSince, o1) = since.addingReportingOverflow(shift)
        let (newUntil, o2) = until.addingReportingOverflow(shift)
        guard !o1, !o2 else { throw .tooLong(lengthSeconds: nil) }
        return try DateRange(since: newSince, until: newUntil)
    }
}
