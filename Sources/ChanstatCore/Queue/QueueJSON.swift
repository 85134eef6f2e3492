/// `report --now --format json` (SPEC 11), written by hand because the key order is part of the contract. A
/// number the source does not know is `null`, never 0.
public enum QueueJSON {
    public static func encode(_ report: QueueReport) -> String {
        let groups = report.groups.map { group in
            var fields = "\"key\":\(group.key.json),\"name\":\(ReportJSON.quoted(group.name)),"
            if let channelType = group.channelType { fields += "\"channel_type\":\(ReportJSON.quoted(channelType))," }
            return "{" + fields + counts(group.counts) + "}"
        }
        return "{\"at\":\(report.at),\"by\":\(ReportJSON.quoted(report.breakdown.rawValue)),"
            + "\"groups\":[\(groups.joined(separator: ","))],\"total\":{\(counts(report.total))}}"
    }

    /// The counts' keys in SPEC 11's order, the wait ages in their own object.
    static func counts(_ counts: QueueCounts) -> String {
        let plain = QueueColumn.allCases.filter { if case .wait = $0 { false } else { true } }
        let ages = WaitAge.allCases.map { "\(ReportJSON.quoted($0.rawValue)):\(number(QueueColumn.wait($0).value(of: counts)))" }
        return plain.map { "\"\($0.key)\":\(number($0.value(of: counts)))" }.joined(separator: ",")
            + ",\"wait\":" + (counts.waitAges == nil ? "null" : "{" + ages.joined(separator: ",") + "}")
    }

    static func number(_ value: Int64?) -> String { value.map(String.init) ?? "null" }
}
