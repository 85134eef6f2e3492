import ChanstatCore
import Foundation

/// Answers of `serve`, per request (account, range, breakdown), valid only for one `PRAGMA data_version` of the connection
/// that computed them. SQLite bumps that number when another connection commits to the file, so a cached
/// answer can never outlive a change to the data; a replaced file is a new connection (a new generation),
/// whose numbers start over. Bounded by entries and by bytes (a channel type is the file's text, of any
/// length): when either is full, it starts over.
final class SummaryCache: @unchecked Sendable {
    /// A request with its account named.
    typealias Key = ReportRequest

    struct Version: Equatable {
        let connection: Int
        let data: Int64
    }

    static let maximumEntries = 4_096
    static let maximumBytes = 32 << 20

    // Guarded by `lock`. Callers already hold the database queue, but the cache must not rely on it.
    private let lock = NSLock()
    private var version: Version?
    private var entries: [Key: GroupedReport] = [:]
    private var bytes = 0

    func lookup(_ key: Key, version current: Version) -> GroupedReport? {
        lock.withLock {
            guard version == current else { return nil }
            return entries[key]
        }
    }

    func store(_ summary: GroupedReport, for key: Key, version current: Version) {
        lock.withLock {
            let cost = summary.approximateBytes
            guard cost <= Self.maximumBytes else { return }
            if version != current || entries.count >= Self.maximumEntries || bytes + cost > Self.maximumBytes {
                entries.removeAll(keepingCapacity: false)
                bytes = 0
                version = current
            }
            if let replaced = entries.updateValue(summary, forKey: key) { bytes -= replaced.approximateBytes }
            bytes += cost
        }
    }
}
