import ArgumentParser
import ChanstatConfig
import ChanstatCore
import Foundation

/// `report --now` (docs/report.md "The queue now"): what is open, pending and snoozed now, who has it and how
/// long the customers have waited, by channel, inbox, team, agent or label.
extension ReportCommand {
    /// The range options mean nothing for the queue: giving one is a mistake worth saying.
    static let nowWithRange = "--now reports the queue as it is now: leave out --since, --until and --range"
    static let nowWithCompare = "--now reports the queue as it is now, with nothing to compare: leave out --compare"
    static let nowByDay = "the queue is by channel, inbox, team, agent or label: --by day needs a range, not --now"
    func validateNow() throws {
        guard now else { return }
        if range.since != nil || range.until != nil || range.range != nil { throw ValidationError(Self.nowWithRange) }
        if compare { throw ValidationError(Self.nowWithCompare) }
        if grouping == .day { throw ValidationError(Self.nowByDay) }
    }

    func printQueue(_ settings: Settings) async throws {
        let breakdown = grouping
        // The clock, read once: every wait of the report is measured to this instant.
        let instant = Int64(Date().timeIntervalSince1970.rounded(.down))
        let reportSource = try await SourceOptions.makeSource(settings, calendar: settings.calendar)
        let queue = try await reportSource.closing {
            // Without --by the queue is by channel, or the totals alone where the source has no channel split
            // (Chatwoot's API); asked for by name, a split the source lacks is refused.
            if givenBreakdown != nil, let refusal = reportSource.queueRefusal(for: breakdown) { throw refusal }
            return try await reportSource.queue(by: breakdown, at: instant)
        }
        let unknown = reportSource.queueUnknown
        let output: String
        switch format {
        case .json: output = QueueJSON.encode(queue) + "\n"
        case .csv: output = QueueCSV.render(queue)
        case .prometheus: return  // refused with --now by validate()
        case .table:
            let calendar = settings.calendar
            output = "\(reportSource.displayName)\nThe queue now, by \(breakdown.rawValue): read at "
                + "\(calendar.dateTimeString(at: instant)) \(calendar.zoneAbbreviation(at: instant))\n\n"
                + QueueTable.render(queue, bold: Self.boldTable(settings), unknownNote: unknown)
        }
        try StandardOutput.write(output)
        // JSON and CSV hold only data on stdout: what is unknown, and why, goes beside it.
        if format != .table, let unknown, QueueColumn.hasUnknown(in: queue) {
            FileHandle.standardError.write(Data("chanstat: \(unknown)\n".utf8))
        }
    }
}
