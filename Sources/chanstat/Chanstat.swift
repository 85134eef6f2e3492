import ArgumentParser
import ChanstatCore
import Foundation

@main
struct Chanstat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chanstat",
        abstract: "Chatwoot conversation statistics per channel, in the terminal.",
        version: BuildInfo.versionLine,
        subcommands: [DashboardCommand.self, ReportCommand.self, ServeCommand.self, SampleCommand.self],
        defaultSubcommand: DashboardCommand.self)

    /// Parses, runs, and exits with the exit statuses of docs/report.md and one line on stderr.
    static func main() async {
        let status: Int32
        do {
            try HelpTopic.check(Array(CommandLine.arguments.dropFirst()), root: Chanstat.self)
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            status = 0
        } catch {
            let (message, code) = CLIFailure.outcome(of: error, command: Chanstat.self)
            if !message.isEmpty {
                let stream = code == 0 ? FileHandle.standardOutput : FileHandle.standardError
                // try?: with stdout or stderr gone there is nowhere left to say anything; the status still tells.
                try? stream.write(contentsOf: Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
            }
            status = code
        }
        Foundation.exit(status)
    }
}
