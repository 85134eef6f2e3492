import ChanstatCore
import Crypto
import Foundation

/// Access grants, kept for a few seconds so that many dashboards behind one `serve` do not each cost an access
/// query. Only grants: a refusal is never kept (a flood of wrong tokens cannot fill memory, and a token
/// created a moment ago works at once). Keyed by the token's SHA-256, never its text, and bounded: past
/// `maximumEntries`, expired grants go, then all of them.
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

    init(lifetime: Duration) {
        self.lifetime = min(lifetime, ServeLimits.maximumGrantLifetime)
    }

    /// Whether this token was granted this account less than `lifetime` ago.
    func isGranted(token: String, accountID: Int64) -> Bool {
        guard lifetime > .zero else { return false }
        let key = Self.key(token, accountID)
        return lock.withLock { grants[key].map { $0 > .now } ?? false }
    }

    func keep(_ decision: AccessDecision, token: String, accountID: Int64?) {
        guard lifetime > .zero, decision == .allowed, let accountID else { return }
        let key = Self.key(token, accountID), now = ContinuousClock.now
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
