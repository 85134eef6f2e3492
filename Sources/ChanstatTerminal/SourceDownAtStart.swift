import ChanstatCore
import Foundation

/// A source that could not be opened when the dashboard started: a database server down or restarting, a file
/// locked by a program writing it or still being copied in. The dashboard opens anyway and says why; each load
/// tries to open it again, as a Chatwoot server (`--url`, which reaches nothing before its first report) is
/// tried on each refresh. Once open, it is that source.
public final class SourceDownAtStart: ReportSource, @unchecked Sendable {
    private let lock = NSLock()
    private let open: @Sendable () async throws -> any ReportSource
    private let nameUntilOpen: String
    /// The failure at start, answered to the first load instead of waiting the same wait twice (a silent
    /// server takes its whole deadline to say so).
    private var failureAtStart: SourceError?
    /// The opening under way, or the one that succeeded (kept: the source it made is the source from then on).
    private var opening: Task<any ReportSource, any Error>?
    private var opened: (any ReportSource)?

    /// `name` is shown until the source is open; `failure` is why it could not be opened at start.
    public init(name: String, failure: SourceError, open: @escaping @Sendable () async throws -> any ReportSource) {
        nameUntilOpen = name
        failureAtStart = failure
        self.open = open
    }

    public var displayName: String {
        lock.withLock { opened?.displayName ?? nameUntilOpen }
    }

    public var dailyLimit: DailyLimit? {
        lock.withLock { opened?.dailyLimit }
    }

    public func report(for range: DateRange) async throws -> SourceReport {
        try await source().report(for: range)
    }

    public func grouped(_ request: ReportRequest) async throws -> GroupedReport {
        try await source().grouped(request)
    }

    /// Until the source is open, nothing is refused: the load that opens it asks the source itself.
    public func refusal(for breakdown: Breakdown) -> SourceError? {
        lock.withLock { opened?.refusal(for: breakdown) }
    }

    public func dailyReport(for range: DateRange, calendar: LocalCalendar,
                            progress: @escaping @Sendable (DayProgress) -> Void) async throws -> DailyReport {
        try await source().dailyReport(for: range, calendar: calendar, progress: progress)
    }

    public func conversations(matching filter: ConversationFilter, in cohort: ListCohort,
                              limit: ListLimit) async throws -> ConversationList {
        try await source().conversations(matching: filter, in: cohort, limit: limit)
    }

    public func queue(by breakdown: Breakdown, at now: Int64) async throws -> QueueReport {
        try await source().queue(by: breakdown, at: now)
    }

    public var queueUnknown: String? {
        lock.withLock { opened?.queueUnknown }
    }

    public func queueRefusal(for breakdown: Breakdown) -> SourceError? {
        lock.withLock { opened?.queueRefusal(for: breakdown) }
    }

    /// Closes the source if it was opened. An attempt still under way is cancelled, not waited for: a silent
    /// server would hold the exit for its whole deadline, and the process is ending.
    public func close() async {
        let (opened, opening) = lock.withLock { (self.opened, self.opening) }
        if let opened {
            await opened.close()
        } else {
            opening?.cancel()
        }
    }

    /// The open source: opened now if need be. Loads that overlap share one attempt, so no second source is
    /// opened (and left unclosed) beside the first.
    private func source() async throws -> any ReportSource {
        let attempt: Task<any ReportSource, any Error> = lock.withLock {
            if let opening { return opening }
            if let failure = failureAtStart {
                failureAtStart = nil
                return Task { throw failure }
            }
            let open = self.open
            let attempt = Task { try await open() }
            opening = attempt
            return attempt
        }
        do {
            let source = try await attempt.value
            lock.withLock { opened = source }
            return source
        } catch {
            lock.withLock { if opening == attempt { opening = nil } }
            throw error
        }
    }
}
