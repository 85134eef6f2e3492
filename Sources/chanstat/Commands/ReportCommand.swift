import ArgumentParser
import ChanstatCore
import ChanstatConfig
import Foundation

/// `chanstat report`: one report, for scripts and cron.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the channel summary report once (table, JSON, CSV or Prometheus' text format).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, prometheus }

    @OptionGroup var source: SourceOptions
    @OptionGroup var range: RangeOptions
    @OptionGroup(title: "Lists") var lists: ListOptions

    @Option(help: "Output format: table, json (the API's exact payload), csv, or prometheus (serve's /metrics families for one account, ranges today, 7d and 30d, for node_exporter's textfile collector).")
    var format: Format = .table

    @Flag(help: "Compare with the previous period (what the dashboard's [ steps to: the calendar month before a month range, else the range moved back by its own length): each count's change, and the total's in percent. A range that ends after now is compared so far: up to now, against the same length from the previous period's start.")
    var compare = false

    @Option(name: .customLong("by"), help: "One row per channel type (the default), per inbox, team, agent or label (SQLite and PostgreSQL sources; by label a conversation counts under each of its labels) or per day of the range (in its time zone; at most 31 days over --url); with --now, the queue by channel, inbox, team, agent or label.")
    var givenBreakdown: Breakdown?

    /// The rows asked for: `--by`'s, channel when it is left out. Whether it was given matters to the queue over
    /// HTTP, where no `--by` is the account's totals and an explicit `--by channel` a split the API does not have.
    var grouping: Breakdown { givenBreakdown ?? .channel }

    @Flag(help: "The queue now instead of a range: open, unattended, unassigned, pending, snoozed, waiting and how long the customers have waited (docs/report.md).")
    var now = false

    /// A script whose profile was not found must not print invented numbers that look real: without a source,
    /// `report` refuses, and the demo data is read only when asked for by name.
    static let noSource = "report needs a source: --db FILE or --db postgres://…, --url URL --account ID, or a profile "
        + "(--profile NAME or $CHANSTAT_PROFILE); --demo reads the built-in demo data"

    /// Day by day is one period's picture; its comparison would be a second table of days beside it.
    static let dayWithCompare = "--by day shows one period: use --compare with --by channel or --by inbox"

    func validate() throws {
        try validateNow()
        if grouping == .day, compare { throw ValidationError(Self.dayWithCompare) }
        if let listProblem { throw ValidationError(listProblem) }
        if format == .prometheus, grouping != .channel || compare || now { throw ValidationError(Self.prometheusOnlyByChannel) }
    }

    func run() async throws {
        let settings = try ResolvedSettings.resolve(source: source, range: range, webURL: lists.webURL)
        if case .demo = settings.source, !source.demo { throw ValidationError(Self.noSource) }
        if lists.list { return try await printList(settings) }
        if now { return try await printQueue(settings) }
        let choice = try CLIFailure.range { () throws(RangeError) in try range.choice(preset: settings.rangePreset, calendar: settings.calendar) }
        // The clock, read once: the range a preset means, and where a compare cuts a range that ends after now.
        let now = Date()
        let dateRange = choice.resolve(now: now, calendar: settings.calendar)
        let reportSource = try await SourceOptions.makeSource(settings, calendar: settings.calendar)
        if format == .prometheus { return try await printPrometheus(reportSource, calendar: settings.calendar) }
        if let refusal = reportSource.refusal(for: grouping) {
            await reportSource.close()
            throw refusal
        }
        if grouping == .day {
            return try await printDays(reportSource, range: dateRange, title: choice.title, settings: settings)
        }
        let loaded = try await reportSource.closing {
            try await reportSource.load(ReportRequest(range: dateRange, compare: compare, breakdown: grouping),
                                        calendar: settings.calendar, now: Int64(now.timeIntervalSince1970.rounded(.down)))
        }
        let model = loaded.model
        let counted = loaded.compared?.current ?? dateRange
        let output: String
        switch format {
        case .json where grouping.needsDatabase:
            output = ReportJSON.encodeGroups(model, range: counted, previous: loaded.compared?.previous) + "\n"
        case .json:
            if let compared = loaded.compared {
                output = ReportJSON.encodeComparison(model, range: compared.current, previous: compared.previous,
                                                     byInbox: grouping == .inbox) + "\n"
            } else {
                output = (grouping == .inbox ? ReportJSON.encodeByInbox(model) : ReportJSON.encode(loaded.report.summary)) + "\n"
            }
        case .csv:
            output = ReportCSV.render(model)
        case .prometheus:
            return  // printed above, before the range's report is read
        case .table:
            var heading = Self.heading(reportSource, title: choice.title, range: counted, calendar: settings.calendar)
            if let compared = loaded.compared {
                heading += (compared.isSoFar ? " so far" : "")
                    + ", compared with \(settings.calendar.describe(compared.previous, dash: " to "))"
            }
            output = heading + "\n\n" + ReportTable.render(model, bold: Self.boldTable(settings))
        }
        try StandardOutput.write(output)
    }

    /// The table's first lines: the source, and the range as a person says it.
    static func heading(_ source: any ReportSource, title: String, range: DateRange, calendar: LocalCalendar) -> String {
        "\(source.displayName)\n\(title): \(calendar.describe(range, dash: " to "))"
    }

    /// A bold header only on a terminal, and not with colour off.
    static func boldTable(_ settings: Settings) -> Bool {
        isatty(STDOUT_FILENO) == 1 && settings.color != .never
    }
}

extension Breakdown: ExpressibleByArgument {}
