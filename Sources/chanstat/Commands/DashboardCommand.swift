import ArgumentParser
import ChanstatConfig
import ChanstatCore
import ChanstatPostgres
import ChanstatTerminal
import Foundation

extension ColorMode: ExpressibleByArgument {}

/// `chanstat` / `chanstat dashboard`: the full-screen dashboard (README "The dashboard").
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the dashboard (the default): per-channel counts by status, refreshed on a timer.",
        usage: """
            chanstat [dashboard] [--profile NAME] [--db FILE|postgres://… | --url URL --account ID | --demo]
                     [--range PRESET | --since WHEN --until WHEN] [--timezone ZONE | --utc]
                     [--refresh SECONDS] [--color MODE] [--ascii] [--log-file FILE]
            """)

    /// The OPTIONS block of `chanstat dashboard --help`, for `chanstat --help`: the parser's own words, so the two
    /// cannot differ. The man page (made from `--experimental-dump-help`) lists them under dashboard already, and
    /// would reflow this preformatted block, so there it is one sentence.
    static var optionsHelp: String {
        if CommandLine.arguments.contains("--experimental-dump-help") {
            return "Without a subcommand, chanstat opens the dashboard, which takes the options listed under "
                + "dashboard below (chanstat --db FILE is chanstat dashboard --db FILE)."
        }
        let help = DashboardCommand.helpMessage(columns: 80)
        guard let start = help.range(of: "OPTIONS:\n") else { return "" }
        return "Without a subcommand, chanstat opens the dashboard, which takes these options:\n\n"
            + help[start.upperBound...].trimmingCharacters(in: .newlines)
    }

    @OptionGroup var source: SourceOptions
    @OptionGroup var range: RangeOptions

    @Option(help: ArgumentHelp("Whole seconds between automatic refreshes (default: 60 for a file, 300 for a server).",
                               valueName: "seconds"))
    var refresh: Double?

    @Option(help: "Colours: auto (the default: when the terminal has them and NO_COLOR is not set), always or never.")
    var color: ColorMode?

    @Flag(help: "Draw with ASCII characters only (the default when the locale is not UTF-8).")
    var ascii = false

    @Option(help: ArgumentHelp("Write logs to this file (the screen is the dashboard's).", valueName: "file"))
    var logFile: String?

    func validate() throws {
        if let refresh, RefreshLimits.validated(refresh) == nil {
            throw ValidationError("--refresh must be \(RefreshLimits.described) seconds")
        }
    }

    func run() async throws {
        let settings = try ResolvedSettings.resolve(source: source, range: range, refresh: refresh, color: color)
        let choice = try CLIFailure.range { () throws(RangeError) in try range.choice(preset: settings.rangePreset, calendar: settings.calendar) }
        // A database connection is closed when unused for a while, so a dashboard refreshing every few minutes
        // does not hold one of a replica's connection slots in between.
        let reportSource = try await SourceOptions.makeSource(settings, calendar: settings.calendar,
                                                              idleClose: PostgresSession.defaultIdleClose)
        let status = await DashboardRunner.run(DashboardOptions(
            source: reportSource, initialRange: choice, calendar: settings.calendar,
            refreshSeconds: settings.refreshSeconds, colorMode: settings.color, forceASCII: ascii, logFile: logFile))
        await reportSource.close()
        if status != 0 { throw ExitCode(status) }
    }
}
