import Foundation

/// The bounds `serve` keeps whatever its clients send (SPEC 14, "serve under load and attack"); docs/http.md
/// lists them. One value, so that the server, its tests and the docs name the same numbers.
public struct ServeLimits: Sendable {
    /// Chatwoot's tokens are 24 characters; anything longer than this is refused (401) before any query.
    public static let maximumTokenBytes = 256
    /// The longest an access grant is reused, whatever `--cache-seconds` says: a revoked token is refused
    /// within this. Refusals are never kept.
    public static let maximumGrantLifetime: Duration = .seconds(5)

    /// How long a granted token (per account) is reused: 0 to `maximumGrantLifetime`.
    public var grantLifetime: Duration
    /// Reports running or waiting for the database at once; one more is answered 503 with Retry-After.
    public var reportsInFlight = 8
    /// Access and health checks running or waiting at once, likewise.
    public var checksInFlight = 64
    /// From a request's arrival: an access check not answered by then is answered 503.
    public var checkDeadline: Duration = .seconds(2)
    /// `/health` waits this long for its probe, then says unavailable.
    public var healthWait: Duration = .milliseconds(1500)

    public init(grantLifetime: Duration = .zero) {
        self.grantLifetime = min(max(grantLifetime, .zero), Self.maximumGrantLifetime)
    }
}
