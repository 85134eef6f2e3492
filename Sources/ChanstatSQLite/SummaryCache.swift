import ChanstatCore
import Foundation

/// Answers of `serve`, per (account, range), valid only for one `PRAGMA data_version` of the connection
/// that computed them. SQLite bumps that number when another connection commits to the file, so a cached
/// answer can never outlive a change to the data; a replaced file is a new connection (a new generation),
/// whose numbers start over. Bounded: when full, it starts over.
final class SummaryCache: @unchecked Sendable {
    struct Key: Hashable {
        let accountID: Int64
        let range: DateRange
    }

    struct Version: Equatable {
        let connection: Int
        let data: Int64
    }

    static let maximumEntries = 4_096

    // Guarded by `lock`. Callers already hold the database queue, but the cache must not rely on it.
    private let lock = NSLock()
    private var version: Version?
    private var entries: [Key: ChannelSummary] = [:]

    func lookup(_ key: Key, version current: Version) -> ChannelSummary? {
        lock.withLock {
            guard version == current else { return nil }
            return entries[key]
        }
    }

    func store(_ summary: ChannelSummary, for key: Key, version current: Version) {
        lock.withLock {
            if version != current || entries.count >= Self.maximumEntries {
                entries.removeAll(keepingCapacity: true)
                version = current
            }
            entries[key] = summary
        }
    }
}
