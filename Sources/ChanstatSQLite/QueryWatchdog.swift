import Foundation
import GRDB

/// Interrupts one read that runs past its limit (SQLite's `sqlite3_interrupt`, through GRDB): a report over
/// a huge range, or one stuck behind a writer, ends with a sentence instead of holding the connection.
final class QueryWatchdog: @unchecked Sendable {
    let limit: Duration
    private let database: DatabaseQueue
    // Guarded by `lock`: the timer may fire as the read ends; it interrupts only a read still running.
    private let lock = NSLock()
    private var running = false
    private var didFire = false

    init(database: DatabaseQueue, limit: Duration) {
        self.database = database
        self.limit = limit
    }

    var fired: Bool { lock.withLock { didFire } }

    func start() {
        lock.withLock { running = true }
        let nanoseconds = limit.components.seconds * 1_000_000_000 + limit.components.attoseconds / 1_000_000_000
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [self] in
            lock.withLock {
                guard running else { return }
                didFire = true
                database.interrupt()
            }
        }
    }

    func finish() {
        lock.withLock { running = false }
    }
}
