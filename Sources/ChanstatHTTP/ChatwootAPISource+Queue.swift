import AsyncHTTPClient
import ChanstatCore
import NIOPosix

/// The queue from a Chatwoot server (docs/http.md "The queue"): what its live reports give, through the same
/// requests (deadline, redirects, token, TLS name check) as the channel summary. The totals are the account's
/// conversation metrics; by team or agent, the grouped metrics named from the teams or agents list. What the API
/// does not give stays nil, shown as unknown.
extension ChatwootAPISource {
    public var queueUnknown: String? {
        "Chatwoot's API gives no snoozed or waiting conversations, no waits, and no pending per group; "
            + "read the database (--db FILE or --db postgres://…) for them"
    }

    /// Chatwoot's API splits the queue by team and agent only.
    public func queueRefusal(for breakdown: Breakdown) -> SourceError? {
        switch breakdown {
        case .team, .agent: return nil
        case .channel, .inbox, .label, .day:
            return SourceError(.refused, "Chatwoot's API splits the queue by team and agent only; read the database "
                               + "(--db FILE or --db postgres://…) for the queue by \(breakdown.rawValue)")
        }
    }

    /// By channel: the account's totals, with no groups (what the dashboard's queue and `report --now` without
    /// `--by` show; a split by channel asked for by name is refused by `queueRefusal`).
    public func queue(by breakdown: Breakdown, at now: Int64) async throws -> QueueReport {
        if breakdown != .channel, let refusal = queueRefusal(for: breakdown) { throw refusal }
        let grouping: (key: String, list: String)? = switch breakdown {
        case .team: ("team_id", "teams")
        case .agent: ("assignee_id", "agents")
        default: nil
        }
        return try await HTTPClient.withHTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                                   configuration: configuration) { client in
            let total = try await fetch(LiveReports.metrics, url: url(LiveReports.metrics), client: client)
            guard let grouping else { return QueueReport(at: now, breakdown: breakdown, groups: [], total: total) }
            let grouped = LiveReports.grouped(by: grouping.key), names = LiveReports.names(of: grouping.list)
            let counts = try await fetch(grouped, url: url(grouped), client: client)
            let named = try await fetch(names, url: url(names), client: client)
            let groups = counts.map { id, counts in
                let name = breakdown == .team ? GroupName.team(id: id, name: id.flatMap { named[$0] })
                    : GroupName.agent(id: id, displayName: nil, name: id.flatMap { named[$0] })
                return QueueGroup(key: id.map(GroupKey.id) ?? .none, name: name, counts: counts)
            }
            return QueueReport(at: now, breakdown: breakdown, groups: QueueReport.ordered(groups), total: total)
        }
    }

    private func url<T>(_ request: ChatwootRequest<T>) -> String {
        endpoint.accountURL(request.path(accountID))
    }
}
