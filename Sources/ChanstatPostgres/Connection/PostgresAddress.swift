import ChanstatCore
import Foundation

/// Reads a `postgres://` or `postgresql://` URL the way libpq (and psql) do, fills what it leaves out from the
/// `PG*` variables and then libpq's defaults, and finds the password in `PGPASSWORD` or the password file.
/// Precedence for every setting: the URL (its parts, then its query parameters), the variable, the default.
/// The rules are in docs/postgres.md.
public enum PostgresAddress {
    static var schemes: [String] { DatabaseLocation.postgresSchemes }

    /// The query parameters chanstat understands (libpq has more; the others are refused by name, so a
    /// misspelt `sslmode` is never silently ignored). `password` is refused on its own.
    static let parameters = ["host", "port", "user", "dbname", "sslmode", "sslrootcert", "connect_timeout",
                             "application_name", "ssl"]

    /// What the environment gives, read once: the variables, the user name and home folder.
    public struct Environment: Sendable {
        public var variables: [String: String]
        public var userName: String
        public var homeDirectory: String?

        public init(variables: [String: String], userName: String, homeDirectory: String?) {
            self.variables = variables
            self.userName = userName
            self.homeDirectory = homeDirectory
        }

        /// This process's: libpq's default user is the operating-system user, not `$USER`.
        public static var current: Environment {
            let variables = ProcessInfo.processInfo.environment
            let account = getpwuid(geteuid())
            let userName = account.flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? variables["USER"] ?? "postgres"
            let home = variables["HOME"] ?? account.flatMap { $0.pointee.pw_dir.map { String(cString: $0) } }
            return Environment(variables: variables, userName: userName, homeDirectory: home)
        }

        func value(_ name: String) -> String? {
            variables[name].flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// The target, and the warnings a person should see (a password file that is ignored). Every error is a
    /// `SourceError` of kind `.usage`: the URL or a variable says something chanstat cannot do.
    public static func resolve(_ url: String, environment: Environment) throws -> (PostgresTarget, warnings: [String]) {
        let parts = try URLParts(url)
        let variables = environment
        let host = parts.parameters["host"] ?? parts.host ?? variables.value("PGHOST")
            ?? PostgresTarget.defaultSocketDirectory
        let port = try number(parts.parameters["port"] ?? parts.port ?? variables.value("PGPORT"),
                              named: parts.parameters["port"] != nil || parts.port != nil ? "the port in the URL" : "PGPORT",
                              default: PostgresTarget.defaultPort, in: 1...65_535)
        let user = parts.parameters["user"] ?? parts.user ?? variables.value("PGUSER") ?? environment.userName
        let database = parts.parameters["dbname"] ?? parts.database ?? variables.value("PGDATABASE") ?? user
        let rootCertificate = parts.parameters["sslrootcert"] ?? variables.value("PGSSLROOTCERT")
            ?? defaultRootCertificate(home: environment.homeDirectory)
        let sslMode = try sslMode(parts, variables, rootCertificate: rootCertificate)
        let timeout = try number(parts.parameters["connect_timeout"] ?? variables.value("PGCONNECT_TIMEOUT"),
                                 named: parts.parameters["connect_timeout"] != nil ? "connect_timeout" : "PGCONNECT_TIMEOUT",
                                 default: 0)
        var target = PostgresTarget(
            endpoint: host.hasPrefix("/") ? .socket(directory: host, port: port) : .tcp(host: host, port: port),
            user: user, database: database, password: nil, sslMode: sslMode,
            sslRootCertificate: rootCertificate,
            // libpq: 0 or less waits for ever (chanstat: its default instead), and less than 2 s means 2.
            connectTimeoutSeconds: timeout <= 0 ? PostgresTarget.defaultConnectTimeoutSeconds : max(timeout, 2),
            applicationName: parts.parameters["application_name"] ?? variables.value("PGAPPNAME")
                ?? PostgresTarget.defaultApplicationName,
            sessionTimeZone: variables.value("PGTZ"))
        var warnings: [String] = []
        // As libpq: an empty PGPASSWORD is no password, and the password file is read.
        if let password = variables.value("PGPASSWORD") {
            target.password = password
        } else if let path = variables.value("PGPASSFILE") ?? environment.homeDirectory.map({ $0 + "/.pgpass" }) {
            let found = PasswordFile.lookup(path: path, for: target)
            target.password = found.password
            if found.read, found.password == nil { target.passwordFileWithoutMatch = path }
            warnings += found.warning.map { [$0] } ?? []
        }
        return (target, warnings)
    }

    /// As libpq 16: `sslrootcert=system` (the system's store, which trusts every public CA) makes `verify-full` the
    /// default and refuses any weaker mode, since a chain check without the host name would accept any site's
    /// certificate.
    private static func sslMode(_ parts: URLParts, _ variables: Environment, rootCertificate: String?) throws -> SSLMode {
        let given = try givenSSLMode(parts, variables)
        guard rootCertificate == "system" else { return given ?? .prefer }
        guard let given else { return .verifyFull }
        guard given == .verifyFull else {
            throw usage("weak sslmode \"\(given.rawValue)\" may not be used with sslrootcert=system (use \"verify-full\")")
        }
        return given
    }

    private static func givenSSLMode(_ parts: URLParts, _ variables: Environment) throws -> SSLMode? {
        if let text = parts.parameters["sslmode"] {
            guard let mode = SSLMode(rawValue: text) else { throw badSSLMode(text, where: "in the URL") }
            return mode
        }
        // JDBC's spelling, which libpq also takes.
        if let ssl = parts.parameters["ssl"] {
            guard ssl == "true" else { throw usage("ssl=\(TerminalSafeText.sanitize(ssl)) in the database URL: the only value is true (use sslmode=…)") }
            return .require
        }
        if let text = variables.value("PGSSLMODE") {
            guard let mode = SSLMode(rawValue: text) else { throw badSSLMode(text, where: "in PGSSLMODE") }
            return mode
        }
        return nil
    }

    /// libpq reads `~/.postgresql/root.crt` when nothing names a root file, if the file is there.
    static func defaultRootCertificate(home: String?) -> String? {
        guard let home else { return nil }
        let path = home + "/.postgresql/root.crt"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    private static func number(_ text: String?, named name: String, default fallback: Int,
                               in range: ClosedRange<Int>? = nil) throws -> Int {
        guard let text else { return fallback }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range?.contains(value) ?? true else {
            throw usage("\(name) must be a whole number"
                        + (range.map { " from \($0.lowerBound) to \($0.upperBound)" } ?? "")
                        + ", not '\(TerminalSafeText.sanitize(text, maxCharacters: 20))'")
        }
        return value
    }

    private static func badSSLMode(_ text: String, where name: String) -> SourceError {
        usage("sslmode '\(TerminalSafeText.sanitize(text, maxCharacters: 20))' (\(name)) is not one of libpq's: "
              + SSLMode.allCases.map(\.rawValue).joined(separator: ", "))
    }

    static func usage(_ message: String) -> SourceError { SourceError(.usage, message) }

    /// The sentence for a password anywhere in a URL: it would be visible to every user of the machine in `ps`.
    static let passwordRefusal = "the database URL holds a password, which other users of this machine can see "
        + "(ps, shell history); remove it and put the password in ~/.pgpass (chmod 600) or $PGPASSWORD instead"
}

/// The pieces of a libpq URL, percent-decoded: `postgres://[user[:password]@][host][:port][/dbname][?k=v&…]`.
struct URLParts {
    var user: String?
    var host: String?
    var port: String?
    var database: String?
    var parameters: [String: String] = [:]

    init(_ url: String) throws {
        guard let scheme = PostgresAddress.schemes.first(where: { url.hasPrefix($0) }) else {
            throw PostgresAddress.usage("a database URL starts with postgres:// or postgresql://")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        if let question = rest.firstIndex(of: "?") {
            try parseParameters(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        var authority = rest
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            database = try Self.decoded(rest[rest.index(after: slash)...]).nonEmpty
        }
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            // Any ':' in the user part starts a password, even an empty one: refused, whatever it holds.
            guard !userInfo.contains(":") else { throw PostgresAddress.usage(PostgresAddress.passwordRefusal) }
            user = try Self.decoded(userInfo).nonEmpty
            authority = authority[authority.index(after: at)...]
        }
        guard !authority.contains(",") else {
            throw PostgresAddress.usage("the database URL names several hosts; chanstat connects to one (name the replica to read)")
        }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw PostgresAddress.usage("the database URL has '[' without ']' around an IPv6 address")
            }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = String(after.dropFirst()).nonEmpty }
            else if !after.isEmpty { throw PostgresAddress.usage("the database URL has text after ']' that is not :PORT") }
        } else if let colon = authority.firstIndex(of: ":") {
            host = try Self.decoded(authority[..<colon]).nonEmpty
            port = String(authority[authority.index(after: colon)...]).nonEmpty
        } else {
            host = try Self.decoded(authority).nonEmpty
        }
    }

    private mutating func parseParameters(_ query: Substring) throws {
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            guard let equals = pair.firstIndex(of: "=") else {
                throw PostgresAddress.usage("the database URL parameter '\(TerminalSafeText.sanitize(String(pair), maxCharacters: 30))' has no '=value'")
            }
            let key = try Self.decoded(pair[..<equals]), value = try Self.decoded(pair[pair.index(after: equals)...])
            guard key != "password" else { throw PostgresAddress.usage(PostgresAddress.passwordRefusal) }
            guard PostgresAddress.parameters.contains(key) else {
                throw PostgresAddress.usage("unknown parameter '\(TerminalSafeText.sanitize(key, maxCharacters: 30))' in the "
                                            + "database URL; chanstat reads " + PostgresAddress.parameters.joined(separator: ", "))
            }
            // As libpq: an empty value (`?host=`) is a parameter not given, so the variable or default applies.
            if !value.isEmpty { parameters[key] = value }
        }
    }

    static func decoded(_ text: Substring) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw PostgresAddress.usage("the database URL has a bad %-escape in '\(TerminalSafeText.sanitize(String(text), maxCharacters: 40))'")
        }
        return decoded
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
