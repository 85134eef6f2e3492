import ChanstatCore
import ChanstatServer
import Foundation

extension ReportCommand {
    /// `--format prometheus`, for node_exporter's textfile collector (docs/monitoring.md): `/metrics`' families
    /// for this one account, the created-in-range ones for today, 7d and 30d in the range's zone (local, or
    /// `--utc`). Label values are exact; only on a terminal are control characters made visible.
    static let prometheusOnlyByChannel = "--format prometheus prints the channel and queue families: use it without --by, --compare and --now"

    func printPrometheus(_ source: any ReportSource, calendar: LocalCalendar) async throws {
        let started = ContinuousClock.now
        let metrics = try await source.closing {
            guard let account = source.readAccountID else {
                throw SourceError(.refused, "--format prometheus needs the account: give --account ID")
            }
            return try await source.metrics(accountID: account, ranges: MetricsRanges.standard, calendar: calendar, now: Date())
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let families = ChatwootMetrics.families([metrics], health: SourceHealth(up: true, readSeconds: seconds))
        try StandardOutput.write(MetricsExposition.text(families, visibleControls: isatty(STDOUT_FILENO) == 1))
    }
}
