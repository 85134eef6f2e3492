/// One load: the request and what the source answered for it; with compare on, the previous period and its
/// answer, fetched together as one request so that an answer can never mix periods (docs/report.md); with the
/// days asked for (the dashboard's trend view), the same range day by day, in the same request.
public struct LoadedReport: Equatable, Sendable {
    /// The range asked for (what the dashboard's selection is); `report` counts `compared.current` when comparing.
    public let range: DateRange
    /// What the source answered for the (current) range, by the request's breakdown.
    public let grouped: GroupedReport
    /// When comparing: the periods counted, the range and its previous period (what `[` steps to,
    /// `LocalCalendar.step`), both cut to the part lived when the range ends after now (`ComparedPeriods`).
    public let compared: ComparedPeriods?
    public let previousGrouped: GroupedReport?
    /// The range day by day in the request's groups (`Breakdown.dayGroups`), when asked for and the source could
    /// answer it.
    public let daily: DailyReport?
    /// Why the days were not asked for although they were wanted: the source's `dailyRefusal` (Chatwoot's API and a
    /// range over its limit).
    public let dailyRefusal: String?

    public init(range: DateRange, grouped: GroupedReport, compared: ComparedPeriods? = nil,
                previous: GroupedReport? = nil, daily: DailyReport? = nil, dailyRefusal: String? = nil) {
        self.range = range
        self.grouped = grouped
        self.compared = compared
        previousGrouped = previous
        self.daily = daily
        self.dailyRefusal = dailyRefusal
    }

    /// A load by channel.
    public init(range: DateRange, report: SourceReport, compared: ComparedPeriods? = nil, previous: SourceReport? = nil,
                daily: DailyReport? = nil, dailyRefusal: String? = nil) {
        self.init(range: range, grouped: GroupedReport(report), compared: compared,
                  previous: previous.map { GroupedReport($0) }, daily: daily, dailyRefusal: dailyRefusal)
    }

    /// By channel or inbox: the channel summary and its inbox rows (empty for another breakdown).
    public var report: SourceReport { grouped.channels ?? SourceReport() }
    public var previous: SourceReport? { previousGrouped.map { $0.channels ?? SourceReport() } }

    public var model: ReportModel { ReportModel(grouped, previous: previousGrouped) }
}

extension ReportSource {
    /// The report for `range` by channel: `load(_:calendar:now:days:progress:)` of that request.
    public func load(_ range: DateRange, comparing: Bool, calendar: LocalCalendar, now: Int64, days: Bool = false,
                     progress: @escaping @Sendable (DayProgress) -> Void = { _ in }) async throws -> LoadedReport {
        try await load(ReportRequest(range: range, compare: comparing), calendar: calendar, now: now, days: days,
                       progress: progress)
    }

    /// The report `request` asks for; when comparing, the previous period's too (`calendar` says what that is:
    /// the same rule as the dashboard's `[`), both cut at `now` (Unix seconds, the caller's one reading of the
    /// clock) when the range ends after it; with `days`, the range day by day in `calendar`'s zone by the same
    /// breakdown (unless the source refuses those days, which `dailyRefusal` then says). A breakdown the source
    /// cannot answer is refused before anything is fetched. All are asked concurrently, and a failure of any is the
    /// failure of the whole load.
    public func load(_ request: ReportRequest, calendar: LocalCalendar, now: Int64, days: Bool = false,
                     progress: @escaping @Sendable (DayProgress) -> Void = { _ in }) async throws -> LoadedReport {
        if let refusal = refusal(for: request.breakdown) { throw refusal }
        let range = request.range
        let compared: ComparedPeriods?
        do {
            compared = request.compare
                ? ComparedPeriods(range: range, previous: try calendar.step(range, by: -1), now: now) : nil
        } catch {
            throw SourceError(.range, "the previous period of this range is not a valid range: \(error.message)")
        }
        let daysRequest = request.period(range)
        let refusal = days ? dailyRefusal(for: daysRequest, calendar: calendar)?.message : nil
        let dailyCalendar = days && refusal == nil ? calendar : nil
        async let current = grouped(request.period(compared?.current ?? range))
        async let before = compared.asyncMap { try await grouped(request.period($0.previous)) }
        async let daily = dailyCalendar.asyncMap { try await dailyReport(for: daysRequest, calendar: $0, progress: progress) }
        return LoadedReport(range: range, grouped: try await current, compared: compared, previous: try await before,
                            daily: try await daily, dailyRefusal: refusal)
    }
}

extension Optional where Wrapped: Sendable {
    /// The async `map`: nil stays nil without waiting for anything.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
