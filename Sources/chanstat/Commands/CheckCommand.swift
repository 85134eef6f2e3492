import ArgumentParser
import ChanstatConfig
import ChanstatCore
import Foundation

/// `chanstat check`: a monitoring plugin for Nagios, Icinga and their kin, by the Monitoring Plugins Development
/// Guidelines (docs/monitoring.md): one line on stdout with perfdata, exit 0 OK, 1 WARNING, 2 CRITICAL,
/// 3 UNKNOWN. Everything that goes wrong, the options included, is UNKNOWN with its reason on that line.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "A monitoring plugin (Nagios, Icinga): one number of the queue now against thresholds.",
        discussion: """
            Prints one line, such as "CHANSTAT OK - 3 unattended conversations | unattended=3;10;20;0", and exits \
            0 (OK), 1 (WARNING), 2 (CRITICAL) or 3 (UNKNOWN: the source failed, or the options are wrong, the \
            reason on that line). Thresholds are the Monitoring Plugins ranges: 10 (alert outside 0 to 10), 10: \
            (below 10), ~:10 (above 10), 10:20 (outside 10 to 20), @10:20 (inside 10 to 20). See docs/monitoring.md.
            """)

    @OptionGroup var source: SourceOptions

    @Option(help: ArgumentHelp("What to watch: \(CheckMetric.allCases.map(\.rawValue).joined(separator: ", ")) "
                               + "(oldest-wait: seconds the longest-waiting customer has waited; 0 when nobody waits).",
                               valueName: "name"))
    var metric: String

    @Option(help: ArgumentHelp("Only this channel type, as in the report's JSON (e.g. Channel::Email).", valueName: "type"))
    var channel: String?

    @Option(name: [.customShort("w"), .long], help: ArgumentHelp("The WARNING range.", valueName: "range"))
    var warning: String?

    @Option(name: [.customShort("c"), .long], help: ArgumentHelp("The CRITICAL range.", valueName: "range"))
    var critical: String?

    func validate() throws {
        guard CheckMetric(rawValue: metric) != nil else {
            throw ValidationError("--metric must be one of " + CheckMetric.allCases.map(\.rawValue).joined(separator: ", "))
        }
        for text in [warning, critical].compactMap({ $0 }) {
            do { _ = try ThresholdRange(parsing: text) } catch { throw ValidationError(error.description) }
        }
    }

    func run() async throws {
        // Validated above; the ranges once more as values.
        let metric = CheckMetric(rawValue: metric)!
        let warning = try self.warning.map { text throws(ThresholdRange.ParseError) in try ThresholdRange(parsing: text) }
        let critical = try self.critical.map { text throws(ThresholdRange.ParseError) in try ThresholdRange(parsing: text) }
        let settings = try ResolvedSettings.resolve(source: source, range: try RangeOptions.parse([]))
        if case .demo = settings.source, !source.demo { throw ValidationError(ReportCommand.noSource) }
        let reportSource = try await SourceOptions.makeSource(settings, calendar: settings.calendar)
        let now = Int64(Date().timeIntervalSince1970.rounded(.down))
        let queue = try await reportSource.closing { try await reportSource.queue(by: .channel, at: now) }
        // A channel type with nothing in the queue has no group: its counts are all 0.
        let counts = channel.map { type in
            queue.groups.first { ChatwootMetrics.channelType(of: $0) == type }?.counts ?? QueueCounts()
        } ?? queue.total
        guard let value = metric.value(in: counts) else {
            throw SourceError(.refused, "this source cannot tell \(metric.rawValue): it needs a database source (--db)")
        }
        let scope = channel.map { TerminalSafeText.sanitize(ChannelLabel.label(for: $0), maxCharacters: 60) }
        let result = CheckResult.judge(metric, value: value, scope: scope, warning: warning, critical: critical)
        try StandardOutput.write(result.line + "\n")
        if result.state != .ok { throw ExitCode(result.exitCode) }
    }

    /// Whether this command line runs `check`, whose failures are its own (UNKNOWN on stdout, exit 3).
    static func isInvoked(_ arguments: [String]) -> Bool { arguments.first == configuration.commandName }

    /// The plugin's line and status for what `run` or the parser threw: the state's own exit after a judged
    /// line, the usual answer for `--help`, and UNKNOWN with the reason for everything else.
    static func outcome(of error: any Error) -> (message: String, status: Int32, toStandardOutput: Bool) {
        if let exit = error as? ExitCode { return ("", exit.rawValue, true) }
        let (message, status) = CLIFailure.outcome(of: error, command: Chanstat.self)
        if status == 0 { return (message, 0, true) }
        let reason = message.hasPrefix("chanstat: ") ? String(message.dropFirst("chanstat: ".count)) : message
        return (CheckResult.unknown(reason).line, CheckState.unknown.rawValue, true)
    }
}
