import ArgumentParser
import ChanstatCore
import ChanstatDashboard
import ChanstatTerminal
import Foundation

extension ColorMode: ExpressibleByArgument {}

/// `chanstat` / `chanstat dashboard`: the full-screen dashboard (SPEC section 6).
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the dashboard (the default): per-channel counts by status, refreshed on a timer.")

    @OptionGroup var source: SourceOptions
    @OptionGroup var range: RangeOptions

    @Option(help: ArgumentHelp("Seconds between automatic refreshes (default: 60 for a file, 300 for a server).",
                               valueName: "seconds"))
    var refresh: Double?

    @Option(help: "Colours: auto (when the terminal has them and NO_COLOR is not set), always or never.")
    var color: ColorMode = .auto

    @Flag(help: "Draw with ASCII characters only (the default when the locale is not UTF-8).")
    var ascii = false

    @Option(help: ArgumentHelp("Write logs to this file (the screen is the dashboard's).", valueName: "file"))
    var logFile: String?

    func validate() throws {
        if let refresh, !(refresh >= 1 && refresh <= 86_400) {
            throw ValidationError("--refresh must be between 1 and 86400 seconds")
        }
    }

    func run() async throws {
        let choice = try CLIFailure.range { () throws(RangeError) in try range.choice() }
        let reportSource = try source.makeSource(calendar: range.calendar)
        let defaultRefresh = source.url != nil ? RefreshSettings.defaultForServer : RefreshSettings.defaultForFile
        let status = await DashboardRunner.run(DashboardOptions(
            source: reportSource, initialRange: choice, calendar: range.calendar,
            refreshSeconds: refresh ?? defaultRefresh, colorMode: color, forceASCII: ascii, logFile: logFile))
        if status != 0 { throw ExitCode(status) }
    }
}
