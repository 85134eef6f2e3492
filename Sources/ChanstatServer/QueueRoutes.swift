import ChanstatCore
import Foundation
import Hummingbird

/// Chatwoot's live report endpoints and the two lists that name their groups (docs/http.md "The queue"), answered
/// from the store's queue in Chatwoot's shapes, so that the HTTP source (and anything written for Chatwoot) reads
/// the queue from serve as from Chatwoot 4.x. Authorised as the channel summary is (an administrator's token),
/// through the same check; counted as the rest of chanstat counts (existing inboxes only), at the clock of the
/// request's arrival.
struct QueueRoutes: Sendable {
    typealias Context = ServeContext
    static var metricsPath: RouterPath { "/api/v2/accounts/:account_id/live_reports/conversation_metrics" }
    static var groupedPath: RouterPath { "/api/v2/accounts/:account_id/live_reports/grouped_conversation_metrics" }
    static var teamsPath: RouterPath { "/api/v1/accounts/:account_id/teams" }
    static var agentsPath: RouterPath { "/api/v1/accounts/:account_id/agents" }

    /// Chatwoot's `group_by` values and the breakdown each is.
    static let groupings: [String: Breakdown] = ["team_id": .team, "assignee_id": .agent]

    let base: SummaryRoutes

    func register(on router: Router<Context>) {
        router.get(Self.metricsPath, use: metrics)
        router.get(Self.groupedPath, use: grouped)
        router.get(Self.teamsPath) { request, context in try await roster(.team, request, context) }
        router.get(Self.agentsPath) { request, context in try await roster(.agent, request, context) }
        for path in [Self.metricsPath, Self.groupedPath, Self.teamsPath, Self.agentsPath] {
            for method in SummaryRoutes.refusedMethods {
                router.on(path, method: method) { request, _ -> Response in
                    throw APIError.methodNotAllowed(request.method)
                }
            }
        }
    }

    /// `{"open":…,"unattended":…,"unassigned":…,"pending":…}` for the whole account: exactly Chatwoot's four keys.
    @Sendable func metrics(_ request: Request, context: Context) async throws -> Response {
        let (accountID, arrival) = try await base.authorise(request, context: context)
        let total = try await queue(accountID: accountID, by: .channel, arrival: arrival, client: context.client).total
        return SummaryRoutes.json(.ok, "{\"open\":\(total.open),\"unattended\":\(total.unattended),"
                                  + "\"unassigned\":\(total.unassigned),\"pending\":\(total.pending ?? 0)}")
    }

    /// `[{"open":…,"unattended":…,"unassigned":…,"team_id":3}, …]` (or `assignee_id`): the groups with something
    /// open, as Chatwoot lists them, the none group's id null. Any other `group_by` is refused as Chatwoot
    /// refuses it (422), after the access check, so that a caller without access learns nothing.
    @Sendable func grouped(_ request: Request, context: Context) async throws -> Response {
        let (accountID, arrival) = try await base.authorise(request, context: context)
        let asked = request.uri.queryParameters["group_by"].map(String.init) ?? ""
        guard let breakdown = Self.groupings[asked] else { throw APIError.invalidGroupBy(asked) }
        let report = try await queue(accountID: accountID, by: breakdown, arrival: arrival, client: context.client)
        let groups = report.groups.filter { $0.counts.open > 0 }.map { group in
            let id: String
            if case .id(let value) = group.key { id = String(value) } else { id = "null" }
            return "{\"open\":\(group.counts.open),\"unattended\":\(group.counts.unattended),"
                + "\"unassigned\":\(group.counts.unassigned),\(ReportJSON.quoted(asked)):\(id)}"
        }
        return SummaryRoutes.json(.ok, "[" + groups.joined(separator: ",") + "]")
    }

    /// `[{"id":…,"name":…}, …]` for teams; agents also carry `available_name`, the name Chatwoot shows (a user's
    /// display name, else its name). Nothing else of a user: no e-mail, no role.
    func roster(_ breakdown: Breakdown, _ request: Request, _ context: Context) async throws -> Response {
        let (accountID, arrival) = try await base.authorise(request, context: context)
        let store = base.store
        let entries = try await base.reports.run(until: arrival + store.reportTimeLimit + .seconds(1), client: context.client) {
            try await store.roster(accountID: accountID, of: breakdown)
        }
        let items = entries.map { entry in
            let name = ReportJSON.quoted(entry.name)
            return "{\"id\":\(entry.id),\"name\":\(name)" + (breakdown == .agent ? ",\"available_name\":\(name)}" : "}")
        }
        return SummaryRoutes.json(.ok, "[" + items.joined(separator: ",") + "]")
    }

    /// The store's queue at the clock of the request's arrival, within the reports' bounds.
    private func queue(accountID: Int64, by breakdown: Breakdown, arrival: ContinuousClock.Instant,
                       client: String) async throws -> QueueReport {
        let store = base.store
        let now = Int64(Date().timeIntervalSince1970.rounded(.down))
        return try await base.reports.run(until: arrival + store.reportTimeLimit + .seconds(1), client: client) {
            try await store.queue(accountID: accountID, by: breakdown, at: now)
        }
    }
}

extension APIError {
    /// Chatwoot answers 422 for a `group_by` other than `team_id` or `assignee_id`.
    static func invalidGroupBy(_ asked: String) -> APIError {
        APIError(.unprocessableContent, "invalid group_by", field: "group_by",
                 message: "group_by must be team_id or assignee_id, not \(TerminalSafeText.sanitize(asked, maxCharacters: 40))",
                 code: "invalid_group_by")
    }
}
