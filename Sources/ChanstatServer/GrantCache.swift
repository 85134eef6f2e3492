import ChanstatCore
import Crypto
import Foundation

/// Access grants, kept for a few seconds so that many dashboards behind one `serve` do not each cost an access
/// query. Only grants: a refusal is never kept (a flood of wrong tokens cannot fill memory, and a token
/// created a moment ago works at once). Keyed by the token's SHA-256, never its text, and bounded: past
/// `maximumEntries`, expired grants go, then all of them. The same question asked while its query runs waits
/// for that query rather than starting its own (twenty dashboards at once: one access query).
final class GrantCache: @unchecked Sendable {
    private struct Key: Hashable {
        let tokenDigest: SHA256.Digest
        let accountID: Int64
    }

    static let maximumEntries = 4_096
    let lifetime: Duration
    // Guarded by `lock`.
    private let lock = NSLock()
    private var grants: [Key: ContinuousClock.Instant] = [:]
    /// At most one per connection that asks (connections are capped), removed when the query ends.
    private var running: [Key: Task<AccessDecision, any Error>] = [:]

    init(lifetime: Duration) {
        self.lifetime = min(lifetime, ServeLimits.maximumGrantLifetime)
    }

    /// A grant from the last `lifetime`, the answer of the same question already being asked, or `ask()`'s.
    func decision(token: String, accountID: Int64?,
                  ask: @escaping @Sendable () async throws -> AccessDecision) async throws -> AccessDecision {
        guard let accountID else { return try await ask() }
        let key = Self.key(token, accountID)
        let task: Task<AccessDecision, any Error>? = lock.withLock {
            if let expires = grants[key], expires > .now { return nil }
            if let asking = running[key] { return asking }
            let task = Task { try await ask() }
            running[key] = task
            return task
        }
        guard let task else { return .allowed }
        defer { lock.withLock { if running[key] == task { running[key] = nil } } }
        let decision = try await task.value
        if decision == .allowed { keep(key) }
        return decision
    }

    private func keep(_ key: Key) {
        guard lifetime > .zero else { return }
        let now = ContinuousClock.now
        lock.withLock {
            if grants.count >= Self.maximumEntries { grants = grants.filter { $0.value > now } }
            if grants.count >= Self.maximumEntries { grants = [:] }
            grants[key] = now + lifetime
        }
    }

    private static func key(_ token: String, _ accountID: Int64) -> Key {
        Key(tokenDigest: SHA256.hash(data: Data(token.utf8)), accountID: accountID)
    }
}
