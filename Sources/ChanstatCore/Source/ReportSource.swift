/// Where reports come from: a SQLite file, a Chatwoot server or Chatwoot's PostgreSQL database. `report` and the dashboard use only this,
/// so either source works with either front end, unchanged.
public protocol ReportSource: Sendable {
    /// What a header shows: "demo.sqlite, account 1" or "https://chat.example.com, account 3".
    var displayName: String { get }
    /// The report for one range by channel, with inbox rows where the source has them. Errors are
    /// `SourceError`s, with a sentence for a person.
    func report(for range: DateRange) async throws -> SourceReport
    /// The report `request` asks for, by its breakdown (day by day is `dailyReport`). A source answers channel and
    /// inbox from `report(for:)` unless it says otherwise; team, agent and label are the databases' own.
    func grouped(_ request: ReportRequest) async throws -> GroupedReport
    /// What the source can answer: nil when it can answer `breakdown`, else the sentence that says why not
    /// (Chatwoot's API has no inbox, team, agent or label split; a file without the teams table has no team
    /// view). Asked before anything is fetched.
    func refusal(for breakdown: Breakdown) -> SourceError?
    /// The report day by day in `calendar`'s zone (docs/report.md "Day by day"): one query on a database;
    /// `progress` hears how many days of how many are in, where a source asks day by day.
    func dailyReport(for range: DateRange, calendar: LocalCalendar,
                     progress: @escaping @Sendable (DayProgress) -> Void) async throws -> DailyReport
    /// The most days the source is asked for at once (Chatwoot's API: one request per day), nil for no limit:
    /// the one refusal that depends on the range, so it is a limit rather than a sentence.
    var dailyLimit: DailyLimit? { get }
    /// Ends what the source holds open (a database connection), before the process exits.
    func close() async
    /// The conversations behind a number (docs/report.md "Lists"): those of `cohort` that `filter` selects, at
    /// most `limit` of them in the documented order, and how many there are in all. A source without such a list
    /// (Chatwoot's API) throws `ConversationList.needsDatabase`; a database without the columns a list shows says
    /// which one it lacks.
    func conversations(matching filter: ConversationFilter, in cohort: ListCohort,
                       limit: ListLimit) async throws -> ConversationList
    /// The queue now (docs/report.md "The queue now"), `now` the one reading of the clock (Unix seconds) that the
    /// waits are measured to: one query on a database. A breakdown the source cannot give is a `SourceError`.
    func queue(by breakdown: Breakdown, at now: Int64) async throws -> QueueReport
    /// Why some numbers of this source's queue are unknown (shown with them), nil when it knows them all.
    var queueUnknown: String? { get }
    /// Why the source cannot split the queue by `breakdown`, asked before anything is fetched; nil when it can
    /// or cannot tell yet (a database says what its tables lack when it is asked).
    func queueRefusal(for breakdown: Breakdown) -> SourceError?
    /// The account whose numbers this source reads (the `account_id` label of `report --format prometheus`):
    /// the one given, or the file's only account; nil where a wrapper cannot know it yet.
    var readAccountID: Int64? { get }
}

extension ReportSource {
    /// The channel summary alone: the API's payload.
    public func summary(for range: DateRange) async throws -> ChannelSummary {
        try await report(for: range).summary
    }

    /// By channel and inbox, from `report(for:)`; the other breakdowns are refused unless a source answers them.
    public func grouped(_ request: ReportRequest) async throws -> GroupedReport {
        if let refusal = refusal(for: request.breakdown) { throw refusal }
        switch request.breakdown {
        case .channel, .inbox, .day: return GroupedReport(try await report(for: request.range), breakdown: request.breakdown)
        case .team, .agent, .label: throw Self.cannotGroup(request.breakdown)
        }
    }

    /// A source that answers channel and inbox only, unless it says otherwise.
    public func refusal(for breakdown: Breakdown) -> SourceError? {
        breakdown.needsDatabase ? Self.cannotGroup(breakdown) : nil
    }

    /// The sentence for a breakdown that only the database sources have.
    public static func cannotGroup(_ breakdown: Breakdown) -> SourceError {
        SourceError(.refused, "\(breakdown.option) needs a database source (--db FILE or --db postgres://…)")
    }

    public var dailyLimit: DailyLimit? { nil }

    public var readAccountID: Int64? { nil }

    public func dailyReport(for range: DateRange, calendar: LocalCalendar) async throws -> DailyReport {
        try await dailyReport(for: range, calendar: calendar, progress: { _ in })
    }

    public func close() async {}

    public var queueUnknown: String? { nil }

    public func queueRefusal(for breakdown: Breakdown) -> SourceError? { nil }

    public func queue(by breakdown: Breakdown, at now: Int64) async throws -> QueueReport {
        throw SourceError(.refused, "this source has no queue; read a database (--db) for it")
    }

    /// `body`'s answer, the source closed after it whether it succeeded or threw (a one-shot command's use).
    public func closing<T: Sendable>(after body: () async throws -> T) async throws -> T {
        do {
            let answer = try await body()
            await close()
            return answer
        } catch {
            await close()
            throw error
        }
    }
}

/// A source failure (file, network, server refusal): one sentence that says what happened and what to do.
/// The CLI exits 1 with it; the dashboard shows it and keeps its last data.
public struct SourceError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file or server cannot be reached or read right now (missing, locked, down, timed out).
        case unavailable
        /// The source answered but refused (bad token, no such account, not allowed).
        case refused
        /// The source answered with something that is not a report (garbage, wrong schema, corrupt file).
        case badData
        /// The source rejected the range (a server's 400/422): shown like a local range error.
        case range
        /// The source was named wrongly by the person (a password in a database URL, an unknown URL
        /// parameter): bad usage, so the CLI exits 2 as for any bad option.
        case usage
    }

    public let kind: Kind
    /// The sentence as the dashboard shows it, with what happens on the next refresh when there is a clause for it.
    public let message: String
    /// The sentence without that clause: what a one-shot command (`report`, `sample`) prints, having no refresh.
    public let messageWithoutRefresh: String
    /// When the source asked not to be asked again before (Unix seconds): a server's 429 or 503 with
    /// `Retry-After`. The dashboard's next automatic refresh waits until then; nil when it said nothing.
    public let retryNotBefore: Int64?

    /// `onNextRefresh` is what the dashboard's next refresh does about it ("it is tried again on the next
    /// refresh"): added to `message` after a semicolon, and left out of `messageWithoutRefresh`.
    public init(_ kind: Kind, _ message: String, retryNotBefore: Int64? = nil, onNextRefresh: String? = nil) {
        self.kind = kind
        self.message = onNextRefresh.map { "\(message); \($0)" } ?? message
        self.messageWithoutRefresh = message
        self.retryNotBefore = retryNotBefore
    }

    public var description: String { message }
}
