import ChanstatCore
import Foundation

/// One reading per account (its families' numbers, or the failure), shared by every scrape for `lifetime`, and
/// by every scrape that asks while it runs: twenty Prometheus servers scraping at once cost one set of queries.
/// Failures are kept too, so that a failing database is not asked once per scrape. Bounded like `GrantCache`.
actor MetricsCache {
    struct Reading: Sendable {
        let metrics: Result<AccountMetrics, any Error>
        let seconds: Double
    }

    static let maximumEntries = 4_096
    private let lifetime: Duration
    private var readings: [Int64: (reading: Reading, expires: ContinuousClock.Instant)] = [:]
    private var running: [Int64: Task<Reading, Never>] = [:]

    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    func reading(account: Int64, read: @escaping @Sendable () async throws -> AccountMetrics) async -> Reading {
        if let kept = readings[account], kept.expires > .now { return kept.reading }
        let task = running[account] ?? start(account: account, read: read)
        return await task.value
    }

    private func start(account: Int64, read: @escaping @Sendable () async throws -> AccountMetrics) -> Task<Reading, Never> {
        let task = Task<Reading, Never> {
            let started = ContinuousClock.now
            let metrics: Result<AccountMetrics, any Error>
            do { metrics = .success(try await read()) } catch { metrics = .failure(error) }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let reading = Reading(metrics: metrics, seconds: seconds)
            await self.finished(account, reading)
            return reading
        }
        running[account] = task
        return task
    }

    private func finished(_ account: Int64, _ reading: Reading) {
        running[account] = nil
        guard lifetime > .zero else { return }
        let now = ContinuousClock.now
        if readings.count >= Self.maximumEntries { readings = readings.filter { $0.value.expires > now } }
        if readings.count >= Self.maximumEntries { readings = [:] }
        readings[account] = (reading, now + lifetime)
    }
}
