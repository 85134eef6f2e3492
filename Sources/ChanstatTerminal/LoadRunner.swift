import ChanstatCore
import ChanstatDashboard
import Foundation
import Logging

/// Performs the loads `update` asks for, each as a task off the UI thread whose answer, good or bad, is posted
/// back as a message; and stops a load that `update` says a newer one superseded (`.cancelLoad`), so that a
/// source asked day by day does not go on with requests nobody waits for. Used from the UI thread only.
final class LoadRunner {
    private let source: any ReportSource
    private let calendar: LocalCalendar
    private let logger: Logger
    private let post: @Sendable (DashboardMessage) -> Void
    /// The latest load's task: at most one load is awaited, and `.cancelLoad` names it.
    private var running: (requestID: Int, task: Task<Void, Never>)?

    init(source: any ReportSource, calendar: LocalCalendar, logger: Logger,
         post: @escaping @Sendable (DashboardMessage) -> Void) {
        self.source = source
        self.calendar = calendar
        self.logger = logger
        self.post = post
    }

    /// The request whose task runs, if any.
    var runningRequest: Int? { running?.requestID }

    /// Performs `.load`, `.loadQueue`, `.loadConversations` and `.cancelLoad`; any other effect is not a load's, and is left to the caller.
    func perform(_ effect: DashboardEffect) {
        switch effect {
        case .load(let range, let comparing, let days, let breakdown, let requestID):
            start(ReportRequest(range: range, compare: comparing, breakdown: breakdown), days: days, requestID: requestID)
        case .loadQueue(let breakdown, let requestID):
            startQueue(by: breakdown, requestID: requestID)
        case .loadConversations(let filter, let cohort, let limit, let requestID):
            startList(filter, in: cohort, limit: limit, requestID: requestID)
        case .cancelLoad(let requestID):
            cancel(requestID: requestID)
        default:
            break
        }
    }

    private func start(_ request: ReportRequest, days: Bool, requestID: Int) {
        let range = request.range
        logger.info("load", metadata: ["request": "\(requestID)", "since": "\(range.since)", "until": "\(range.until)",
                                       "comparing": "\(request.compare)", "days": "\(days)", "by": "\(request.breakdown.rawValue)"])
        let source = source, post = post, logger = logger, calendar = calendar
        let task = Task.detached {
            let answer = await timed {
                // The clock, read once for this load: where a compare cuts a range that ends after now.
                let now = Int64(Date().timeIntervalSince1970.rounded(.down))
                return try await source.load(request, calendar: calendar, now: now, days: days) { progress in
                    post(.dayProgress(requestID: requestID, progress))
                }
            }
            let (outcome, seconds) = (answer.outcome, answer.seconds)
            if case .failure(let error) = outcome, !Task.isCancelled {
                logger.warning("load failed", metadata: ["request": "\(requestID)", "error": "\(error.message)"])
            }
            // A source opened late (down at start) has learned its full name by now.
            post(.loadFinished(LoadResult(requestID: requestID, range: range, outcome: outcome, durationSeconds: seconds,
                                          sourceName: source.displayName)))
        }
        running = (requestID, task)
    }

    private func startQueue(by breakdown: Breakdown, requestID: Int) {
        logger.info("queue", metadata: ["request": "\(requestID)", "by": "\(breakdown.rawValue)"])
        let source = source, post = post
        let task = Task.detached {
            let answer = await timed {
                // The clock, read once: every wait of this queue is measured to it.
                try await source.queue(by: breakdown, at: Int64(Date().timeIntervalSince1970.rounded(.down)))
            }
            post(.queueLoaded(QueueLoadResult(requestID: requestID, outcome: answer.outcome, durationSeconds: answer.seconds,
                                              unknown: source.queueUnknown)))
        }
        running = (requestID, task)
    }

    private func startList(_ filter: ConversationFilter, in cohort: ListCohort, limit: ListLimit, requestID: Int) {
        logger.info("list", metadata: ["request": "\(requestID)", "queue": "\(cohort == .queue)"])
        let source = source, post = post
        let task = Task.detached {
            // The clock, read once: the list's ages are counted to it.
            let readAt = Int64(Date().timeIntervalSince1970.rounded(.down))
            let answer = await timed { try await source.conversations(matching: filter, in: cohort, limit: limit) }
            post(.conversationsLoaded(ConversationsLoadResult(requestID: requestID, outcome: answer.outcome, readAt: readAt)))
        }
        running = (requestID, task)
    }

    /// Cancels the load `requestID` if it is the one running; its answer, if it still sends one, is dropped by
    /// `update` as an answer to an older request.
    private func cancel(requestID: Int) {
        guard let running, running.requestID == requestID else { return }
        logger.info("load cancelled", metadata: ["request": "\(requestID)"])
        running.task.cancel()
        self.running = nil
    }
}

/// `body`'s answer, or its failure as a sentence, and how long it took in seconds.
private func timed<T: Sendable>(_ body: @Sendable () async throws -> T) async
    -> (outcome: Result<T, SourceError>, seconds: Double) {
    let clock = ContinuousClock()
    let started = clock.now
    let outcome: Result<T, SourceError>
    do {
        outcome = .success(try await body())
    } catch let error as SourceError {
        outcome = .failure(error)
    } catch {
        outcome = .failure(SourceError(.unavailable, "The source failed: \(error)"))
    }
    let elapsed = started.duration(to: clock.now)
    return (outcome, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}
