/// libpq's `sslmode`, with libpq's meanings (docs/postgres.md has the table):
/// - `disable`: plain TCP only; `allow`: plain first, TLS if the server insists;
/// - `prefer` (the default): TLS if the server offers it, else plain; neither checks the certificate;
/// - `require`: TLS or nothing, certificate unchecked, unless a root certificate file exists, when it is
///   checked as for `verify-ca` (libpq's rule);
/// - `verify-ca`: TLS with a certificate signed by a trusted root; `verify-full`: that, and the name in the
///   certificate matches the host.
/// Over a Unix socket libpq never uses TLS, and neither does chanstat.
public enum SSLMode: String, CaseIterable, Sendable, Equatable {
    case disable, allow, prefer, require
    case verifyCA = "verify-ca"
    case verifyFull = "verify-full"

    /// The modes in which a missing root certificate is an error rather than "do not check".
    var needsRootCertificate: Bool { self == .verifyCA || self == .verifyFull }
}
