/// Where and how to connect, every libpq setting decided (URL > `PG*` variable > default, see
/// `PostgresAddress`). Holds the password when one was found, so it is never printed: `description` is the
/// one way to show a target, and it has no password in it by construction.
public struct PostgresTarget: Sendable, Equatable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// A Unix socket directory and the port that names the socket file in it, as libpq does.
        case socket(directory: String, port: Int)
    }

    public var endpoint: Endpoint
    public var user: String
    public var database: String
    /// From `PGPASSWORD` or the password file only, never from a URL.
    public var password: String?
    /// The password file that was read and had no line for this target (nil when a password was found, or no
    /// file was read): a server that asks for a password is then told where chanstat looked, and for what.
    public var passwordFileWithoutMatch: String?
    public var sslMode: SSLMode
    /// A PEM file of trusted roots, or "system" for the system's store; nil when none is configured and
    /// `~/.postgresql/root.crt` does not exist.
    public var sslRootCertificate: String?
    public var connectTimeoutSeconds: Int
    public var applicationName: String
    /// `PGTZ`: the session's TimeZone, as libpq sends it. The report never depends on it (the bounds are
    /// zone-free); it is honoured because psql users set it, and tests set it to prove that independence.
    public var sessionTimeZone: String?

    /// libpq's default when neither the URL nor `PGCONNECT_TIMEOUT` says (libpq waits for ever; a dashboard
    /// must not, so chanstat uses this).
    public static let defaultConnectTimeoutSeconds = 10
    public static let defaultPort = 5432
    public static let defaultApplicationName = "chanstat"
    /// Where Debian's and Ubuntu's PostgreSQL put their socket, and so libpq's default there.
    public static let defaultSocketDirectory = "/var/run/postgresql"

    /// The socket file libpq would open: `DIRECTORY/.s.PGSQL.PORT`.
    public var socketPath: String? {
        guard case let .socket(directory, port) = endpoint else { return nil }
        return (directory.hasSuffix("/") ? directory : directory + "/") + ".s.PGSQL.\(port)"
    }

    /// "host:port", "[::1]:port", or the socket file: what error messages name.
    public var address: String {
        switch endpoint {
        case let .tcp(host, port): return (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
        case .socket: return socketPath ?? ""
        }
    }

    /// "chatwoot_production on db.example.com:5432 as chanstat": for headers, logs and errors. Never the password.
    public var description: String { "\(database) on \(address) as \(user)" }
}
