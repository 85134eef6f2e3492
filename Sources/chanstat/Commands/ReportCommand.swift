import ArgumentParser
import ChanstatCore
import Foundation

/// `chanstat report`: one report, for scripts and cron.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the channel summary report once (table, JSON or CSV).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var source: SourceOptions
    @OptionGroup var range: RangeOptions

    @Option(help: "Output format: table, json (the API's exact payload) or csv.")
    var format: Format = .table

    func run() async throws {
        let settings = try ResolvedSettings.resolve(source: source, range: range)
        let choice = try CLIFailure.range { () throws(RangeError) in try range.choice(preset: settings.rangePreset, calendar: settings.calendar) }
        let dateRange = choice.resolve(now: Date(), calendar: settings.calendar)
        let reportSource = try await SourceOptions.makeSource(settings, calendar: settings.calendar)
        let summary: ChannelSummary
        do {
            summary = try await reportSource.summary(for: dateRange)
            await reportSource.close()
        } catch {
            await reportSource.close()
            throw error
        }
        let output: String
        switch format {
        case .json:
            output = ReportJSON.encode(summary) + "\n"
        case .csv:
            output = ReportCSV.render(summary)
        case .table:
            let terminal = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let heading = "\(reportSource.displayName)\n\(choice.title): \(settings.calendar.describe(dateRange, dash: " to "))\n\n"
            output = heading + ReportTable.render(summary, bold: terminal)
        }
        try StandardOutput.write(output)
    }
}
