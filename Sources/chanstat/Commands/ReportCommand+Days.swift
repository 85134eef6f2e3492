import ChanstatCore
import ChanstatConfig
import Foundation

/// `report --by day` (docs/report.md "Day by day").
extension ReportCommand {
    func printDays(_ reportSource: any ReportSource, range dateRange: DateRange, title: String,
                   settings: Settings) async throws {
        let progress = DayProgressLine(enabled: isatty(STDERR_FILENO) == 1)
        defer { progress.clear() }  // on a failure; on success it is cleared before the output, below
        let daily = try await reportSource.closing {
            try await reportSource.dailyReport(for: dateRange, calendar: settings.calendar) { progress.show($0) }
        }
        progress.clear()
        let output: String
        switch format {
        case .json: output = ReportJSON.encodeDays(daily) + "\n"
        case .csv: output = ReportCSV.renderDays(daily)
        case .table:
            output = Self.heading(reportSource, title: title, range: dateRange, calendar: settings.calendar) + "\n\n"
                + ReportTable.renderDays(daily, bold: Self.boldTable(settings))
        }
        try StandardOutput.write(output)
    }
}

/// "day 12 of 31" on stderr while a source is asked day by day, rewritten in place; only on a terminal, so
/// scripts and logs get nothing.
final class DayProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ progress: DayProgress) {
        guard enabled else { return }
        lock.withLock {
            FileHandle.standardError.write(Data("\r\u{1B}[Kasking day by day: \(progress.done) of \(progress.total) days".utf8))
            shown = true
        }
    }

    func clear() {
        lock.withLock {
            guard shown else { return }
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            shown = false
        }
    }
}
