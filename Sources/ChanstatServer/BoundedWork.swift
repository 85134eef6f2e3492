import ChanstatCore
import Foundation
import Logging

/// At most `capacity` pieces of work (reports, or access checks) running or waiting for the database at once,
/// each answered by its deadline. One more is refused at once (503 with Retry-After, one log line), so a
/// burst of slow requests cannot queue without end. The work goes on after its caller was answered (a
/// database query cannot be taken back), and holds its place until it ends: the store's own time limits end it.
final class BoundedWork: @unchecked Sendable {
    let capacity: Int
    let what: String
    private let logger: Logger
    // Guarded by `lock`.
    private let lock = NSLock()
    private var inFlight = 0

    init(capacity: Int, what: String, logger: Logger) {
        self.capacity = capacity
        self.what = what
        self.logger = logger
    }

    /// `body`'s value, or `APIError.busy` when full or when `deadline` passes first (the caller was queued
    /// behind other work: that is serve being busy, never the database's silence).
    func run<T: Sendable>(until deadline: ContinuousClock.Instant, client: String,
                          _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let admitted = lock.withLock {
            guard inFlight < capacity else { return false }
            inFlight += 1
            return true
        }
        guard admitted else {
            logger.warning("refused: \(what) queue full (\(capacity) running or waiting), 503 to \(client)")
            throw APIError.busy
        }
        let work = Task {
            defer { lock.withLock { inFlight -= 1 } }
            return try await body()
        }
        guard let value = try await FirstOf.value(of: work, until: deadline) else {
            logger.warning("refused: \(what) for \(client) still waited for the database at its deadline, 503")
            throw APIError.busy
        }
        return value
    }
}

/// A task's value, or nil when `deadline` comes first, without waiting for the task: a task group would wait
/// for its child to end, and a query on a silent database may not end for a while.
enum FirstOf {
    static func value<T: Sendable>(of work: Task<T, any Error>,
                                   until deadline: ContinuousClock.Instant) async throws -> T? {
        let once = ResumeOnce<T?>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                once.set(continuation)
                let timer = Task {
                    // Cancelled: the work ended first and has resumed already.
                    guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
                    once.resume(with: .success(nil))
                }
                Task {
                    let result = await work.result
                    once.resume(with: result.map { Optional($0) })
                    timer.cancel()
                }
            }
        } onCancel: {
            once.resume(with: .failure(CancellationError()))
        }
    }
}

/// A continuation resumed by whichever comes first; later results are dropped.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var early: Result<T, any Error>?
    private var done = false

    func set(_ continuation: CheckedContinuation<T, any Error>) {
        let ready: Result<T, any Error>? = lock.withLock {
            if let early { done = true; return early }
            self.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(with: ready) }
    }

    func resume(with result: Result<T, any Error>) {
        let waiting: CheckedContinuation<T, any Error>? = lock.withLock {
            guard !done else { return nil }
            guard let continuation else {
                if early == nil { early = result }
                return nil
            }
            done = true
            self.continuation = nil
            return continuation
        }
        waiting?.resume(with: result)
    }
}
