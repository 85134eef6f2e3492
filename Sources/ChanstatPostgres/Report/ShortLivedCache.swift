import Foundation

/// Answers kept for a few seconds, and one computation per key at a time: a hundred dashboards asking
/// `serve` for the same account and range within `lifetime` cost the database one query, and the ones that
/// ask while it runs wait for that query instead of starting their own. Failures are not kept.
actor ShortLivedCache<Key: Hashable & Sendable, Value: Sendable> {
    private struct Entry {
        let value: Value
        let expires: ContinuousClock.Instant
    }

    let lifetime: Duration
    private var entries: [Key: Entry] = [:]
    private var running: [Key: Task<Value, any Error>] = [:]
    /// Past this many entries, expired ones are dropped before a new one is kept.
    static var pruneThreshold: Int { 4_096 }

    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    func value(for key: Key, compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let now = ContinuousClock.now
        if let entry = entries[key], entry.expires > now { return entry.value }
        if let task = running[key] { return try await task.value }
        let task = Task { try await compute() }
        running[key] = task
        defer { running[key] = nil }
        let value = try await task.value
        guard lifetime > .zero else { return value }
        if entries.count >= Self.pruneThreshold { entries = entries.filter { $0.value.expires > now } }
        entries[key] = Entry(value: value, expires: ContinuousClock.now + lifetime)
        return value
    }
}
