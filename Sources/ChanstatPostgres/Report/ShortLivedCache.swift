import Foundation

/// Answers kept for a few seconds, and one computation per key at a time: a hundred dashboards asking
/// `serve` for the same account and range within `lifetime` cost the database one query, and the ones that
/// ask while it runs wait for that query instead of starting their own. Failures are not kept.
/// Bounded by entries and by bytes (`cost`): past either, expired entries go first, then everything.
actor ShortLivedCache<Key: Hashable & Sendable, Value: Sendable> {
    private struct Entry {
        let value: Value
        let cost: Int
        let expires: ContinuousClock.Instant
    }

    let lifetime: Duration
    private let cost: @Sendable (Value) -> Int
    private var entries: [Key: Entry] = [:]
    private var bytes = 0
    private var running: [Key: Task<Value, any Error>] = [:]
    static var maximumEntries: Int { 4_096 }
    static var maximumBytes: Int { 32 << 20 }

    init(lifetime: Duration, cost: @escaping @Sendable (Value) -> Int) {
        self.lifetime = lifetime
        self.cost = cost
    }

    func value(for key: Key, compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let now = ContinuousClock.now
        if let entry = entries[key], entry.expires > now { return entry.value }
        if let task = running[key] { return try await task.value }
        let task = Task { try await compute() }
        running[key] = task
        defer { running[key] = nil }
        let value = try await task.value
        keep(value, for: key)
        return value
    }

    private func keep(_ value: Value, for key: Key) {
        let size = cost(value)
        guard lifetime > .zero, size <= Self.maximumBytes else { return }
        if let old = entries.removeValue(forKey: key) { bytes -= old.cost }
        if entries.count >= Self.maximumEntries || bytes + size > Self.maximumBytes {
            let now = ContinuousClock.now
            entries = entries.filter { $0.value.expires > now }
            bytes = entries.values.reduce(0) { $0 + $1.cost }
        }
        if entries.count >= Self.maximumEntries || bytes + size > Self.maximumBytes {
            entries = [:]
            bytes = 0
        }
        entries[key] = Entry(value: value, cost: size, expires: ContinuousClock.now + lifetime)
        bytes += size
    }
}
