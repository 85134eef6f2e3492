/// What `serve` reads: every account of a database, who may read them, and the report. The routes are written
/// once against this; a SQLite file and a PostgreSQL database each implement it (docs/http.md).
///
/// Access checks and the health check run apart from the reports (their own connection), so that a slow
/// report, or a queue of them, never delays `/health` or the refusal of a token.
public protocol ReportStore: Sendable {
    /// For serve's log only (a file name, or `database on host:port`): never in an answer, never a password.
    var name: String { get }
    /// How long one report may run once it has started (not counting time queued behind others): the store ends
    /// the query then with a `SourceError` that says so.
    var reportTimeLimit: Duration { get }
    /// May this token read this account's reports? A nil account (a path segment that is not an id at all)
    /// is an account that does not exist, decided after the token like any other. Never cached by the store.
    func access(token: String, accountID: Int64?) async throws -> AccessDecision
    /// The report of `accountID` that `request` asks for, whole (by channel, the summary and its inbox rows),
    /// possibly from a cache that can never outlive the data's freshness promise of the store.
    func grouped(accountID: Int64, _ request: ReportRequest) async throws -> GroupedReport
    /// A cheap read on the access checks' connection: the health check.
    func checkReadable() async throws
    /// Ends what the store holds open (a database connection), once the server has stopped.
    func close() async
    /// The queue of one account now (docs/report.md "The queue now"), counted as `ReportSource.queue` counts it,
    /// `now` the one reading of the clock (Unix seconds).
    func queue(accountID: Int64, by breakdown: Breakdown, at now: Int64) async throws -> QueueReport
    /// The teams (`.team`) or the agents (`.agent`) of an account, by id, named as a group of that breakdown is
    /// (docs/http.md: serve's `teams` and `agents` endpoints, which name the queue's groups over HTTP).
    func roster(accountID: Int64, of breakdown: Breakdown) async throws -> [RosterEntry]
}

/// A team or an agent of an account: its id and its name (an agent's as Chatwoot names a user, `GroupName.agent`).
public struct RosterEntry: Equatable, Sendable {
    public let id: Int64
    public let name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}

extension ReportStore {
    public func close() async {}

    /// The channel summary of one account for one range: Chatwoot's payload.
    public func summary(accountID: Int64, range: DateRange) async throws -> ChannelSummary {
        try await grouped(accountID: accountID, ReportRequest(accountID: accountID, range: range)).channels?.summary
            ?? ChannelSummary()
    }
}

extension ChannelSummary {
    /// About what a cached answer costs in memory: stores bound their caches by it as well as by entries,
    /// since a channel type is the database's text, of any length.
    public var approximateBytes: Int {
        channels.keys.reduce(64) { $0 + $1.utf8.count + 96 }
    }
}

extension GroupedReport {
    /// The same for a whole answer: its summary, inbox names and group names are the database's text too.
    public var approximateBytes: Int {
        let inboxes = channels?.inboxes?.values.reduce(0) { sum, inboxes in
            inboxes.values.reduce(sum) { $0 + $1.name.utf8.count + 112 }
        } ?? 0
        let names = groups.values.reduce(0) { sum, group in
            sum + group.name.utf8.count + 112 + (group.key == .none ? 0 : group.key.rowKey.utf8.count)
        }
        return (channels?.summary.approximateBytes ?? 64) + inboxes + names
    }
}

/// Who may read an account's reports through `serve`, decided as Chatwoot decides it from `access_tokens`,
/// `users` and `account_users`. Each store has its own SQL for the facts; the decision is made here, once.
public enum AccessDecision: Equatable, Sendable {
    /// No token row, or a 'User' token whose user is gone: the caller is nobody (401).
    case unknownToken
    /// The token is known but the account does not exist (404). Checked after the token, so that an
    /// anonymous caller cannot probe which accounts exist.
    case unknownAccount
    /// An 'AgentBot' (or any non-'User') token: bots do not read reports (403).
    case bot
    /// A user with no `account_users` row for the account (403).
    case notMember
    /// A member whose role is not 1, administrator (403).
    case notAdministrator
    /// Chatwoot refuses every request to a suspended account (`accounts.status` 1); so does `serve` (403).
    case suspendedAccount
    case allowed

    /// The facts a store reads for one token: nil `ownerType` when no token row matched; `isAdministrator`
    /// nil when the user is not a member of the account, false for an agent.
    public static func decide(ownerType: String?, userExists: Bool, accountExists: Bool, accountSuspended: Bool,
                              isAdministrator: Bool?) -> AccessDecision {
        guard let ownerType else { return .unknownToken }
        let isUser = ownerType == "User"
        if isUser, !userExists { return .unknownToken }
        guard accountExists else { return .unknownAccount }
        guard isUser else { return .bot }
        switch isAdministrator {
        case nil: return .notMember
        case false?: return .notAdministrator
        case true?: return accountSuspended ? .suspendedAccount : .allowed
        }
    }
}
