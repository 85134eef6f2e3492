/// One load: the range and what the source answered for it, and with compare on, the previous period and its
/// answer, fetched together as one request so that an answer can never mix periods (docs/report.md).
public struct LoadedReport: Equatable, Sendable {
    public let range: DateRange
    public let report: SourceReport
    /// The previous period (what `[` steps to, `LocalCalendar.step`), when comparing.
    public let previousRange: DateRange?
    public let previous: SourceReport?

    public init(range: DateRange, report: SourceReport, previousRange: DateRange? = nil, previous: SourceReport? = nil) {
        self.range = range
        self.report = report
        self.previousRange = previousRange
        self.previous = previous
    }

    public var model: ReportModel { ReportModel(report, previous: previous) }
}

extension ReportSource {
    /// The report for `range`, and when `comparing` the previous period's too, concurrently; a failure of
    /// either is the failure of the whole load.
    /// `calendar` says what the previous period is: the same rule as the dashboard's `[`.
    public func load(_ range: DateRange, comparing: Bool, calendar: LocalCalendar) async throws -> LoadedReport {
        guard comparing else { return LoadedReport(range: range, report: try await report(for: range)) }
        let previousRange: DateRange
        do {
            previousRange = try calendar.step(range, by: -1)
        } catch {
            throw SourceError(.range, "the previous period of this range is not a valid range: \(error.message)")
        }
        async let now = report(for: range)
        async let before = report(for: previousRange)
        return LoadedReport(range: range, report: try await now, previousRange: previousRange, previous: try await before)
    }
}
