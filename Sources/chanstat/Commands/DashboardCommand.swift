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
                     [--refresh SECONDS] [--color MODE] [--ascii] [--log-file FILE] [--web-url URL]
            """)

    /// The OPTIONS block of `chanstat dashboard --help`, for `chanstat --help`: the parser's own words, so the two
    /// cannot differ. The man page (made from `--experimental-dump-help`) lists them under dashboard already, and
    /// would reflow this preformatted block, so there it is one sentence.
    /// `optionsHelp` when the command line may print help (the root's configuration is read on every run, and
    /// making the dashboard's help text was a quarter of `chanstat --version`'s 20 ms of CPU), else nothing.
    static var optionsHelpIfAsked: String {
        let asks = CommandLine.arguments.dropFirst().contains {
            ["-h", "--help", "help", "--experimental-dump-help"].contains($0)
        }
        return asks ? optionsHelp : ""
    }

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

    /// For the lists Enter opens: the selected conversation's address.
    @Option(name: .customLong("web-url"), help: ListOptions.webURLHelp)
    var webURL: String?

    func validate() throws {
        if let refresh, RefreshLimits.validated(refresh) == nil {
            throw ValidationError("--refresh must be \(RefreshLimits.described) seconds")
        }
    }

    func run() async throws {
        let settings = try ResolvedSettings.resolve(source: source, range: range, refresh: refresh, color: color,
                                                    webURL: webURL)
        let choice = try CLIFailure.range { () throws(RangeError) in try range.choice(preset: settings.rangePreset, calendar: settings.calendar) }
        // What the person must fix is said here, on the terminal, before the screen is taken (SPEC 6).
        if let missing = Self.missingFile(settings.source) { throw ValidationError(missing) }
        if let noTerminal = SSHWithoutTerminal.sentenceForThisProcess() {
            throw CLIFailure.NoTerminal(message: noTerminal)
        }
        // A database connection is closed when unused for a while, so a dashboard refreshing every few minutes
        // does not hold one of a replica's connection slots in between.
        let opening = try SourceOptions.opening(settings, calendar: settings.calendar, idleClose: PostgresSession.defaultIdleClose)
        let log: LogFile?
        do {
            log = try logFile.map { path throws(LogFile.OpenFailure) in try LogFile(path: path) }
        } catch {
            throw ValidationError(error.message)
        }
        let reportSource: any ReportSource
        do {
            reportSource = try await opening.open()
        } catch let failure as SourceError where failure.kind == .unavailable || failure.kind == .badData {
            // Down, locked, still being copied or restored: the dashboard opens, says why, and tries again on
            // each refresh. Refusals (an account, a password, a certificate) are the person's to fix: exit.
            reportSource = SourceDownAtStart(name: opening.name, failure: failure, open: opening.open)
        }
        let status = await DashboardRunner.run(DashboardOptions(
            source: reportSource, initialRange: choice, calendar: settings.calendar,
            refreshSeconds: settings.refreshSeconds, colorMode: settings.color, forceASCII: ascii, logFile: log,
            webAddress: settings.webAddress))
        await reportSource.close()
        if status != 0 { throw ExitCode(status) }
    }

    /// "no such file: PATH" when a file source names nothing (no entry at the path, or a path through a
    /// non-directory): a typo, which waiting will not fix. A file that exists but cannot be read yet, or a path
    /// in a directory this user may not search yet, is tried again on each refresh instead.
    static func missingFile(_ source: SourceSetting) -> String? {
        guard case .file(let path, _) = source else { return nil }
        var status = stat()
        guard stat(path, &status) != 0, errno == ENOENT || errno == ENOTDIR else { return nil }
        return "no such file: \(TerminalSafeText.sanitize(path))"
    }
}
