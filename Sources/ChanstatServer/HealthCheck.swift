import ChanstatCore
import Foundation
import Logging

/// `/health`: one probe of the store at a time (on the access checks' connection, never behind a report),
/// shared by every caller that asks while it runs and reused for a second; a probe that takes longer than
/// `wait` is answered "unavailable" at once, whatever the database does. What failed goes to the log, never
/// into the answer.
actor HealthCheck {
    private let store: any ReportStore
    private let wait: Duration
    private let logger: Logger
    private var running: Task<Bool, any Error>?
    private var last: (healthy: Bool, at: ContinuousClock.Instant)?
    static let reuse: Duration = .seconds(1)

    init(store: any ReportStore, wait: Duration, logger: Logger) {
        self.store = store
        self.wait = wait
        self.logger = logger
    }

    func isHealthy() async -> Bool {
        if let last, ContinuousClock.now - last.at < Self.reuse { return last.healthy }
        let probe = running ?? startProbe()
        let healthy = (try? await FirstOf.value(of: probe, until: .now + wait)) ?? nil
        if healthy == nil { logger.warning("health: the database did not answer within \(wait)") }
        return healthy ?? false
    }

    private func startProbe() -> Task<Bool, any Error> {
        let store = self.store, logger = self.logger
        let task = Task<Bool, any Error> {
            do {
                try await store.checkReadable()
                return true
            } catch {
                logger.warning("health: \(SafeLog.reason(error))")
                return false
            }
        }
        running = task
        Task {
            let healthy = (try? await task.value) ?? false
            self.finished(healthy)
        }
        return task
    }

    private func finished(_ healthy: Bool) {
        running = nil
        last = (healthy, .now)
    }
}

/// A store failure as one log line: the store's sentence (a file or database name, never a password or a
/// token), for the operator only.
enum SafeLog {
    static func reason(_ error: any Error) -> String {
        if let error = error as? SourceError { return TerminalSafeText.sanitize(error.message, maxCharacters: 300) }
        return String(describing: type(of: error))
    }
}
