import Foundation
import Testing

/// The promise of docs/report.md "Lists": a list with the filters of a cell holds exactly the conversations the
/// cell counts. For every group of every breakdown of `report --format json` (a range) and `report --now` (the
/// queue), each number of the group equals the count of the list with that group's and that number's filters.
/// `run` runs `chanstat report` with the source's arguments and the given ones.
public enum ListCellChecks {
    public static let flags: [String: String] = ["channel": "--channel", "inbox": "--inbox", "team": "--team",
                                                 "agent": "--agent", "label": "--label"]

    /// Every list of `ListFixture.lists`: exactly its conversations, in order, and their number.
    public static func everyListInOrder(_ run: ([String]) throws -> ProcessResult,
                                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (arguments, ids) in ListFixture.lists {
            let cohort = arguments.contains("--now") ? ["--account", "1"] : ListFixture.range
            let list = try run(cohort + ["--list", "--format", "json"] + arguments)
            #expect(list.status == 0, "\(arguments): \(list.stderr)", sourceLocation: sourceLocation)
            let listed = try ListChecks.items(list.stdout, sourceLocation: sourceLocation)
            #expect(listed.ids == ids, "\(arguments)", sourceLocation: sourceLocation)
            #expect(listed.count == ids.count, "\(arguments)", sourceLocation: sourceLocation)
        }
    }

    /// The payload's cells (channel by status), counted by hand here, so that a report and a list wrong the same
    /// way cannot agree; each is its list's count.
    public static func channelCellsEqualLists(_ run: ([String]) throws -> ProcessResult,
                                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let report = try run(ListFixture.range + ["--format", "json"])
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: [String: Int]],
                                   sourceLocation: sourceLocation)
        #expect(payload["Channel::Email"] == ["open": 2, "resolved": 0, "pending": 1, "snoozed": 0, "total": 3],
                sourceLocation: sourceLocation)
        #expect(payload["Channel::WebWidget"] == ["open": 3, "resolved": 2, "pending": 1, "snoozed": 1, "total": 7],
                sourceLocation: sourceLocation)
        for (channel, counts) in payload {
            for (status, number) in counts {
                let filter = status == "total" ? [] : ["--status", status]
                let list = try run(ListFixture.range + ["--list", "--format", "json", "--channel", channel, "--limit", "1"] + filter)
                #expect(try ListChecks.items(list.stdout, sourceLocation: sourceLocation).count == number,
                        "\(channel) \(status)", sourceLocation: sourceLocation)
            }
        }
    }

    public static func rangeCellsEqualLists(_ run: ([String]) throws -> ProcessResult,
                                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        for by in ["team", "agent", "label"] {
            let report = try run(ListFixture.range + ["--by", by, "--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any],
                                      "\(by): \(report.stderr)", sourceLocation: sourceLocation)
            let groups = try #require(object["groups"] as? [[String: Any]], sourceLocation: sourceLocation)
            #expect(!groups.isEmpty, sourceLocation: sourceLocation)
            for group in groups {
                let key = group["key"].map { $0 is NSNull ? "none" : "\($0)" } ?? "none"
                for number in ["open", "resolved", "pending", "snoozed", "total"] {
                    let status = number == "total" ? [] : ["--status", number]
                    let list = try run(ListFixture.range + ["--list", "--format", "json", flags[by]!, key] + status)
                    #expect(try ListChecks.items(list.stdout, sourceLocation: sourceLocation).count == group[number] as? Int,
                            "--by \(by) \(key) \(number)", sourceLocation: sourceLocation)
                }
            }
            let total = try #require(object["total"] as? [String: Int], sourceLocation: sourceLocation)
            #expect(try ListChecks.items(run(ListFixture.range + ["--list", "--format", "json"]).stdout).count == total["total"],
                    sourceLocation: sourceLocation)
        }
    }

    public static func queueCellsEqualLists(_ run: ([String]) throws -> ProcessResult,
                                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let numbers: [(String, [String])] = [("open", ["--status", "open"]), ("pending", ["--status", "pending"]),
                                             ("snoozed", ["--status", "snoozed"]), ("unattended", ["--unattended"]),
                                             ("unassigned", ["--unassigned"]), ("waiting", ["--waiting"])]
        for by in ["channel", "inbox", "team", "agent", "label"] {
            let report = try run(["--account", "1", "--now", "--by", by, "--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any],
                                      "\(by): \(report.stderr)", sourceLocation: sourceLocation)
            let groups = try #require(object["groups"] as? [[String: Any]], sourceLocation: sourceLocation)
            #expect(!groups.isEmpty, sourceLocation: sourceLocation)
            for group in groups + [try #require(object["total"] as? [String: Any], sourceLocation: sourceLocation)] {
                let filter = group["key"].map { key in [flags[by]!, key is NSNull ? "none" : "\(key)"] } ?? []
                for (number, flag) in numbers {
                    let list = try run(["--account", "1", "--now", "--list", "--format", "json"] + filter + flag)
                    #expect(try ListChecks.items(list.stdout, sourceLocation: sourceLocation).count == group[number] as? Int,
                            "--now --by \(by) \(filter) \(number)", sourceLocation: sourceLocation)
                }
            }
        }
    }
}
