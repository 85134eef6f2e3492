import Crypto
import Foundation

/// The tokens `/metrics` authorised lately, by their SHA-256 (never their text), bounded: when the source fails,
/// such a token's scrape gets `chanstat_source_up 0` rather than an error, as exporters answer. Never a grant:
/// it shows no data, so it is its only use.
final class RecentTokens: @unchecked Sendable {
    static let maximumEntries = 4_096
    let window: Duration
    // Guarded by `lock`.
    private let lock = NSLock()
    private var seen: [SHA256.Digest: ContinuousClock.Instant] = [:]

    init(window: Duration) {
        self.window = window
    }

    func remember(_ token: String) {
        let now = ContinuousClock.now
        lock.withLock {
            if seen.count >= Self.maximumEntries { seen = seen.filter { now - $0.value < window } }
            if seen.count >= Self.maximumEntries { seen = [:] }
            seen[Self.digest(token)] = now
        }
    }

    func wasAuthorised(_ token: String) -> Bool {
        let key = Self.digest(token)
        return lock.withLock { seen[key].map { ContinuousClock.now - $0 < window } ?? false }
    }

    private static func digest(_ token: String) -> SHA256.Digest { SHA256.hash(data: Data(token.utf8)) }
}
