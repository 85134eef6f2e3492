/// What a front end asks a source for (SPEC 10): one value that the CLI, the dashboard and `serve` pass along,
/// instead of a parameter or a code path per grouping.
public struct ReportRequest: Equatable, Hashable, Sendable {
    /// The account; nil for the one a `ReportSource` was opened for (a store serves every account and names it).
    public let accountID: Int64?
    /// The conversations created in this range. (The queue now, SPEC 11, is `QueueReport`'s own request.)
    public let range: DateRange
    /// With the previous period beside it (`ReportSource.load` asks a source for each period on its own).
    public let compare: Bool
    public let breakdown: Breakdown

    public init(accountID: Int64? = nil, range: DateRange, compare: Bool = false, breakdown: Breakdown = .channel) {
        self.accountID = accountID
        self.range = range
        self.compare = compare
        self.breakdown = breakdown
    }

    /// The same request for another range, not compared: one period of a comparison.
    public func period(_ range: DateRange) -> ReportRequest {
        ReportRequest(accountID: accountID, range: range, compare: false, breakdown: breakdown)
    }
}

extension Breakdown {
    /// Only the database sources can split a range by these: Chatwoot's API has no such report.
    public var needsDatabase: Bool { self == .team || self == .agent || self == .label }

    /// How `--by` names it, for sentences ("--by team").
    public var option: String { "--by \(rawValue)" }
}
