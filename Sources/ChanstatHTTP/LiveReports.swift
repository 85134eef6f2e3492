import ChanstatCore
import Foundation

/// Chatwoot's live reports and the lists that name their groups (docs/http.md "The queue"), as the HTTP source reads
/// them: strictly where it counts (whole, non-negative counts; a group's id a whole number or null), ignoring keys
/// it does not know (newer Chatwoots add `resolved` and others).
enum LiveReports {
    /// `GET …/live_reports/conversation_metrics`: the account's open, unattended, unassigned and pending.
    static var metrics: ChatwootRequest<QueueCounts> {
        ChatwootRequest(path: { "/api/v2/accounts/\($0)/live_reports/conversation_metrics" },
                        what: "Chatwoot's conversation metrics", since: "4") { data throws(ReportJSON.DecodingFailure) in
            let object = try object(data)
            return QueueCounts(open: try count(object, "open"), unattended: try count(object, "unattended"),
                               unassigned: try count(object, "unassigned"), pending: try count(object, "pending"),
                               snoozed: nil, waiting: nil, oldestWaitSeconds: nil, waitAges: nil)
        }
    }

    /// `GET …/live_reports/grouped_conversation_metrics?group_by=KEY`: per team or assignee (nil: none), the open,
    /// unattended and unassigned.
    static func grouped(by key: String) -> ChatwootRequest<[(id: Int64?, counts: QueueCounts)]> {
        ChatwootRequest(path: { "/api/v2/accounts/\($0)/live_reports/grouped_conversation_metrics?group_by=\(key)" },
                        what: "Chatwoot's grouped conversation metrics", since: "4") { data throws(ReportJSON.DecodingFailure) in
            try array(data).map { item throws(ReportJSON.DecodingFailure) in
                guard let object = item as? [String: Any] else { throw failure("an item of the list is not an object") }
                let id: Int64?
                switch object[key] {
                case nil, is NSNull: id = nil
                case let number as NSNumber where !isBoolean(number) && number.int64Value >= 0
                    && Double(number.int64Value) == number.doubleValue:
                    id = number.int64Value
                default: throw failure("\(key) is not a whole number or null")
                }
                return (id, QueueCounts(open: try count(object, "open"), unattended: try count(object, "unattended"),
                                        unassigned: try count(object, "unassigned"), pending: nil, snoozed: nil,
                                        waiting: nil, oldestWaitSeconds: nil, waitAges: nil))
            }
        }
    }

    /// `GET /api/v1/accounts/{id}/teams` or `…/agents`: id → name (an agent's `available_name`, else `name`).
    static func names(of list: String) -> ChatwootRequest<[Int64: String]> {
        ChatwootRequest(path: { "/api/v1/accounts/\($0)/\(list)" }, what: "a list of \(list)",
                        since: "4") { data throws(ReportJSON.DecodingFailure) in
            var names: [Int64: String] = [:]
            for item in try array(data) {
                guard let object = item as? [String: Any], let id = object["id"] as? NSNumber, !isBoolean(id) else {
                    throw failure("an item of the list has no id")
                }
                let available = (object["available_name"] as? String).flatMap { $0.isEmpty ? nil : $0 }
                names[id.int64Value] = available ?? (object["name"] as? String) ?? ""
            }
            return names
        }
    }

    private static func object(_ data: Data) throws(ReportJSON.DecodingFailure) -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw failure("the body is not a JSON object")
        }
        return object
    }

    private static func array(_ data: Data) throws(ReportJSON.DecodingFailure) -> [Any] {
        guard let array = (try? JSONSerialization.jsonObject(with: data)) as? [Any] else {
            throw failure("the body is not a JSON list")
        }
        return array
    }

    private static func count(_ object: [String: Any], _ key: String) throws(ReportJSON.DecodingFailure) -> Int64 {
        guard let number = object[key] as? NSNumber, !isBoolean(number), number.int64Value >= 0,
              Double(number.int64Value) == number.doubleValue else {
            throw failure("\(key) is missing or not a whole, non-negative number")
        }
        return number.int64Value
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // JSON's true and false arrive as NSNumbers of a C char.
        String(cString: number.objCType) == "c"
    }

    private static func failure(_ reason: String) -> ReportJSON.DecodingFailure {
        ReportJSON.DecodingFailure(reason: reason)
    }
}
