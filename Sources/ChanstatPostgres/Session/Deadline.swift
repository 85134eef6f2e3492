import Foundation

/// A client-side deadline: the server's statement timeout normally ends a slow query first; this one ends the
/// wait on a server that went silent (a network that drops packets without a reset, a frozen server).
struct DeadlineExceeded: Error {
    let duration: Duration
    let duringConnect: Bool
}

enum Deadline {
    /// `body`'s result, or `DeadlineExceeded` once `duration` has passed, whichever comes first. On the deadline
    /// (or when the caller is cancelled) `abandon` runs first (it closes the connection, so that `body` fails soon
    /// after, in the background) and nothing waits for `body`. A task group would not do: it waits for all its
    /// children, and a postgres-nio query ignores cancellation, so racing one against a timer in a group waits
    /// as long as the query does.
    static func run<T: Sendable>(_ duration: Duration, duringConnect: Bool = false,
                                 abandon: @escaping @Sendable () -> Void,
                                 _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let race = FirstOutcome<T>(abandon: abandon)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard race.wait(continuation) else { return }
                let timer = Task {
                    try? await Task.sleep(for: duration)
                    guard !Task.isCancelled else { return }
                    race.abandon(with: DeadlineExceeded(duration: duration, duringConnect: duringConnect))
                }
                Task {
                    let result: Result<T, any Error>
                    do { result = .success(try await body()) } catch { result = .failure(error) }
                    timer.cancel()
                    race.deliver(result)
                }
            }
        } onCancel: {
            race.abandon(with: CancellationError())
        }
    }
}

/// The first of a body's outcome, a deadline and a cancellation, delivered once.
private final class FirstOutcome<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let abandonWork: @Sendable () -> Void
    private var continuation: CheckedContinuation<T, any Error>?
    /// Set once an outcome is chosen; one that comes before the continuation waits here for it.
    private var chosen: Result<T, any Error>?

    init(abandon: @escaping @Sendable () -> Void) {
        abandonWork = abandon
    }

    /// Keeps the continuation; false when the outcome (a cancellation) came first and was delivered to it.
    func wait(_ continuation: CheckedContinuation<T, any Error>) -> Bool {
        let early = lock.withLock { () -> Result<T, any Error>? in
            if let chosen { return chosen }
            self.continuation = continuation
            return nil
        }
        guard let early else { return true }
        continuation.resume(with: early)
        return false
    }

    /// The deadline or a cancellation: chosen first, then the work is given up (its connection closed) before
    /// the caller hears. Chosen before closing, so that the failure the close causes in `body` (a closed
    /// connection) can never be delivered in the deadline's place: the caller is told the server went silent.
    func abandon(with error: any Error) {
        let result = Result<T, any Error>.failure(error)
        guard let chosenNow = choose(result) else { return }
        abandonWork()
        chosenNow.continuation?.resume(with: result)
    }

    func deliver(_ result: Result<T, any Error>) {
        choose(result)?.continuation?.resume(with: result)
    }

    /// Records the outcome if none was chosen yet (nil when one was), with the continuation to resume if it is
    /// already there (else `wait` delivers the outcome when it comes).
    private func choose(_ result: Result<T, any Error>) -> Chosen? {
        lock.withLock {
            guard chosen == nil else { return nil }
            chosen = result
            defer { continuation = nil }
            return Chosen(continuation: continuation)
        }
    }

    private struct Chosen {
        let continuation: CheckedContinuation<T, any Error>?
    }
}

extension Duration {
    /// Whole milliseconds: what PostgreSQL's timeout settings take, and NIO's timeouts.
    var wholeMilliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
