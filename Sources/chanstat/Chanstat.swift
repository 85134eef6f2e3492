import ArgumentParser
import ChanstatCore
import Foundation

@main
struct Chanstat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chanstat",
        abstract: "Chatwoot conversation statistics per channel, in the terminal.",
        usage: """
            chanstat [dashboard] [<dashboard options>]
            chanstat <subcommand> [<options>]
            """,
        // The README runs the dashboard with its options at the top level (`chanstat --db FILE`): list them here.
        discussion: DashboardCommand.optionsHelpIfAsked,
        version: BuildInfo.versionLine,
        subcommands: [DashboardCommand.self, ReportCommand.self, CheckCommand.self, ServeCommand.self, SampleCommand.self,
                      ManSectionsCommand.self],
        defaultSubcommand: DashboardCommand.self)

    /// Parses, runs, and exits with the exit statuses of docs/report.md and one line on stderr.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let script = TopLevelCompletion.script(for: arguments, root: Chanstat.self) {
            // With stdout gone there is nowhere to write the script, or to say so; the status tells.
            do { try StandardOutput.write(script) } catch { Foundation.exit(1) }
            Foundation.exit(0)
        }
        let status: Int32
        do {
            try HelpTopic.check(arguments, root: Chanstat.self)
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            status = 0
        } catch {
            // `check` is a monitoring plugin: its failures, bad options included, are an UNKNOWN line on stdout, exit 3.
            let (message, code, toStandardOutput): (String, Int32, Bool)
            if CheckCommand.isInvoked(arguments) {
                (message, code, toStandardOutput) = CheckCommand.outcome(of: error)
            } else {
                (message, code) = CLIFailure.outcome(of: error, command: Chanstat.self)
                toStandardOutput = false
            }
            if !message.isEmpty {
                let stream = code == 0 || toStandardOutput ? FileHandle.standardOutput : FileHandle.standardError
                // try?: with stdout or stderr gone there is nowhere left to say anything; the status still tells.
                try? stream.write(contentsOf: Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
            }
            status = code
        }
        Foundation.exit(status)
    }
}
