import Foundation
import Testing

/// What every list run must show, whatever the database (docs/report.md "Lists"): the conversations of
/// `ListFixture` in the right order with the right fields, and nothing of the contacts or the messages.
public enum ListChecks {
    /// The ids of a `--format json` list and its count, after checking each item against the fixture: its keys
    /// in SPEC 12's order, its fields, its times in whole seconds and its address (`web` the expected base).
    public static func items(_ json: String, web: String? = nil,
                             sourceLocation: SourceLocation = #_sourceLocation) throws -> (count: Int, ids: [Int]) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
                                  sourceLocation: sourceLocation)
        #expect(json.hasPrefix(#"{"count":"#), sourceLocation: sourceLocation)
        let count = try #require(object["count"] as? Int, sourceLocation: sourceLocation)
        let items = try #require(object["conversations"] as? [[String: Any]], sourceLocation: sourceLocation)
        var ids: [Int] = []
        for item in items {
            let id = try #require(item["id"] as? Int, sourceLocation: sourceLocation)
            ids.append(id)
            guard let expected = ListFixture.fields[id] else {
                Issue.record("conversation \(id) is listed, and it is in no list", sourceLocation: sourceLocation)
                continue
            }
            let times = ListFixture.times(of: id)
            #expect(item["display_id"] as? Int == expected.display, sourceLocation: sourceLocation)
            #expect(item["inbox_id"] as? Int == expected.inbox, sourceLocation: sourceLocation)
            #expect(item["inbox"] as? String == expected.inboxName, sourceLocation: sourceLocation)
            #expect(item["channel_type"] as? String == expected.channelType, sourceLocation: sourceLocation)
            #expect(item["status"] as? String == expected.status, sourceLocation: sourceLocation)
            #expect(item["assignee_id"] as? Int == expected.assigneeID, sourceLocation: sourceLocation)
            #expect(item["assignee"] as? String == expected.assignee, sourceLocation: sourceLocation)
            #expect(item["team_id"] as? Int == expected.teamID, sourceLocation: sourceLocation)
            #expect(item["team"] as? String == expected.team, sourceLocation: sourceLocation)
            #expect(item["labels"] as? [String] == expected.labels, sourceLocation: sourceLocation)
            #expect((item["created_at"] as? NSNumber)?.int64Value == times.created, "\(id)", sourceLocation: sourceLocation)
            #expect((item["waiting_since"] as? NSNumber)?.int64Value == times.waiting, "\(id)", sourceLocation: sourceLocation)
            let url = web.map { "\($0)/app/accounts/1/conversations/\(expected.display)" }
            #expect(item["url"] as? String == url, sourceLocation: sourceLocation)
            #expect(item.count == 14, "\(item.keys)", sourceLocation: sourceLocation)
        }
        if let first = items.first, let id = first["id"] {
            // The keys in SPEC 12's order: the first item written out, key by key.
            let keys = ["id", "display_id", "inbox_id", "inbox", "channel_type", "status", "assignee_id", "assignee",
                        "team_id", "team", "labels", "created_at", "waiting_since", "url"]
            let positions = keys.map { json.range(of: "\"\($0)\":")?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil } && positions.map { $0! } == positions.map { $0! }.sorted(),
                    "keys out of order in the item of \(id)", sourceLocation: sourceLocation)
        }
        return (count, ids)
    }

    /// Nothing of a contact or a message, in any output.
    public static func expectNoContactData(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in ListFixture.contactData {
            #expect(!output.contains(secret), "\(secret) is shown", sourceLocation: sourceLocation)
        }
        #expect(!output.contains("@customer.example"), sourceLocation: sourceLocation)
    }

    /// No control character but newlines, no bidirectional override: safe to print on a terminal.
    public static func isTerminalSafe(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            let control = (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value)
            return !control && !(0x202A...0x202E).contains(value) && !(0x2066...0x2069).contains(value)
        }
    }
}
