import ChanstatCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Every way talking to PostgreSQL fails, as one sentence that says what happened and what to do. The
/// decision is made from postgres-nio's error codes and the server's SQLSTATE (`description` is
/// deliberately generic), and the server's own message is quoted where it names something (a table, an
/// hba rule). Never a password: none of these texts holds one, and server text is sanitized.
enum PostgresFailure {
    static func sourceError(_ error: any Error, target: PostgresTarget, statementTimeout: Duration) -> SourceError {
        if let error = error as? SourceError { return error }
        let at = "PostgreSQL at \(TerminalSafeText.sanitize(target.address, maxCharacters: 120))"
        if let deadline = error as? DeadlineExceeded {
            return deadline.duringConnect
                ? connectTimedOut(at, target)
                : SourceError(.unavailable, "\(at) stopped answering (nothing for \(seconds(deadline.duration)))",
                              onNextRefresh: connectionMadeAgain)
        }
        if let violation = innermost(BackendProtocolViolation.self, in: error) {
            return protocolViolation(violation, at: at)
        }
        if let psql = innermost(PSQLError.self, in: error) {
            if let sqlState = psql.serverInfo?[.sqlState] {
                return serverError(sqlState: sqlState, message: psql.serverInfo?[.message] ?? "",
                                   detail: psql.serverInfo?[.detail] ?? "", target: target, at: at,
                                   statementTimeout: statementTimeout)
            }
            switch psql.code {
            case .sslUnsupported:
                return tlsNotOffered(at: at, sslMode: target.sslMode.rawValue)
            case .authMechanismRequiresPassword:
                return noPassword(at, target)
            case .unsupportedAuthMechanism:
                return SourceError(.refused, "\(at) asks for an authentication method chanstat does not support "
                                   + "(it supports trust, peer, password, md5 and scram-sha-256)")
            case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
                return SourceError(.unavailable, "the connection to \(at) was closed (the server restarted or ended "
                                   + "it)", onNextRefresh: madeAgain)
            default:
                break
            }
        }
        if let tls = tlsProblem(error, target: target, at: at) { return tls }
        if let connection = innermost(NIOConnectionError.self, in: error) {
            if connection.dnsAError != nil || connection.dnsAAAAError != nil, connection.connectionErrors.isEmpty {
                return SourceError(.unavailable, "cannot find the database host \(safe(connection.host)) (unknown host); "
                                   + "check the host name in the URL")
            }
        }
        if let io = innermost(IOError.self, in: error) {
            return ioError(io.errnoCode, target: target, at: at)
        }
        if innermost(ChannelError.self, in: error).map({ if case .connectTimeout = $0 { true } else { false } }) == true {
            return connectTimedOut(at, target)
        }
        if error is CancellationError { return SourceError(.unavailable, "the database request was cancelled") }
        return SourceError(.unavailable, "cannot talk to \(at): \(String(describing: type(of: error)))",
                           onNextRefresh: triedAgain)
    }

    private static func serverError(sqlState: String, message: String, detail: String, target: PostgresTarget,
                                    at: String, statementTimeout: Duration) -> SourceError {
        let said = safe(message)
        let user = safe(target.user), database = safe(target.database)
        switch sqlState {
        case "28P01":
            return SourceError(.refused, "\(at) refused the password for user \(user); check ~/.pgpass or $PGPASSWORD")
        case "28000":
            if message.contains("pg_hba.conf") {
                return SourceError(.refused, "\(at) has no pg_hba.conf rule that lets user \(user) connect to database "
                                   + "\(database) from here (server: \(said)); its administrator must add one")
            }
            return SourceError(.refused, "\(at) refused user \(user): \(said)")
        case "3D000":
            return SourceError(.refused, "\(at) has no database \(database); check the database name in the URL "
                               + "(psql -l lists them)")
        case "42501":
            return SourceError(.refused, "user \(user) may not read what the report needs (server: \(said)); "
                               + "GRANT SELECT on the tables it needs (docs/postgres.md lists them)")
        case "42P01", "42703":
            return SourceError(.badData, "database \(database) is not Chatwoot's, or is an unsupported version: \(said)")
        case "57014":
            return SourceError(.unavailable, "the database cancelled the report after \(seconds(statementTimeout)) "
                               + "(statement timeout); try a shorter range, raise --statement-timeout, or build the "
                               + "index docs/postgres.md describes")
        case "55P03":
            return SourceError(.unavailable, "the report waited \(seconds(PostgresSession.lockTimeout)) for a lock that "
                               + "another session holds on Chatwoot's tables (lock_timeout; server: \(said)), and gave up "
                               + "so as not to queue Chatwoot's own work behind it", onNextRefresh: triedAgain)
        case "40001", "40P01":
            return SourceError(.unavailable, "the read replica cancelled the report because of a replication conflict "
                               + "(server: \(said))" + replicationConflictAdvice(detail: detail), onNextRefresh: triedAgain)
        case "57P01", "57P02", "57P03":
            return SourceError(.unavailable, "\(at) is shutting down or starting up (server: \(said))",
                               onNextRefresh: triedAgain)
        case "53300":
            return SourceError(.unavailable, "\(at) has no free connection slot (server: \(said)); try again later")
        case "25006":
            return SourceError(.badData, "\(at) refused a write in a read-only transaction (server: \(said))")
        default:
            return SourceError(.unavailable, "\(at) answered with an error (SQLSTATE \(safe(sqlState))): \(said)")
        }
    }

    /// What makes a recovery conflict rarer depends on its kind, which only the server's DETAIL says.
    /// hot_standby_feedback helps only when the primary removed row versions the report still read; for a lock or
    /// a buffer pin it does nothing (max_standby_streaming_delay is what lets the query wait), and for a dropped
    /// tablespace or a deadlock nothing on the replica helps.
    static func replicationConflictAdvice(detail: String) -> String {
        if detail.contains("row versions") {
            return "; hot_standby_feedback on the replica makes this rarer"
        }
        if detail.contains("for too long") {   // a relation lock or a buffer pin the replay waited for
            return "; a longer max_standby_streaming_delay on the replica lets the report finish first"
        }
        return ""
    }

    /// The server broke the protocol's rules in a way only a fake server or an attacker would (libpq refuses the
    /// same); the connection is already closed.
    private static func protocolViolation(_ violation: BackendProtocolViolation, at: String) -> SourceError {
        switch violation.kind {
        case let .badLength(type, length, limit, duringLogin):
            let shown = (0x21...0x7e).contains(type) ? "'\(Character(UnicodeScalar(type)))'" : String(format: "0x%02x", type)
            let size = length < 4 ? "a length of \(length)" : "\(length) bytes"
            return SourceError(.badData, "\(at) sent a message (type \(shown)) of \(size)\(duringLogin ? " during the login" : ""), "
                               + "where libpq accepts at most \(limit); chanstat closed the connection: is it really "
                               + "a PostgreSQL server, and is the connection intercepted? (sslmode=verify-full guards against that)")
        case .clearTextAfterTLSAgreement:
            return SourceError(.badData, "\(at) agreed to TLS and then sent data in clear, as someone in the middle of the "
                               + "connection would; chanstat closed the connection")
        }
    }

    private static func ioError(_ code: Int32, target: PostgresTarget, at: String) -> SourceError {
        switch (target.endpoint, code) {
        case (.socket, ENOENT), (.socket, ECONNREFUSED):
            return SourceError(.unavailable, "no PostgreSQL server is listening on the socket \(safe(target.socketPath ?? "")); "
                               + "is it running on this machine? (host=/DIR in the URL names another socket directory)")
        case (.socket, EACCES):
            return SourceError(.refused, "permission denied on the socket \(safe(target.socketPath ?? "")); "
                               + "this user may not connect to it")
        case (_, ECONNREFUSED):
            return SourceError(.unavailable, "cannot connect to \(at): connection refused; is the server running and "
                               + "listening on that address (listen_addresses, port)?")
        case (_, ETIMEDOUT):
            return connectTimedOut(at, target)
        case (_, ECONNRESET), (_, EPIPE):
            return SourceError(.unavailable, "the connection to \(at) was reset", onNextRefresh: madeAgain)
        default:
            return SourceError(.unavailable, "cannot connect to \(at): \(String(cString: strerror(code)))")
        }
    }

    /// The server asks for a password and there is none. When a password file was read, it says what was looked
    /// up in it (the host as written, port, database, user: libpq's matching), so a near-miss line can be found.
    /// The server answered the request for TLS with "no" while the sslmode requires it (postgres-nio says so
    /// for the modes it handles; `NameCheckedTLS` for verify-full, which chanstat handles itself).
    static func tlsNotOffered(at: String, sslMode: String) -> SourceError {
        SourceError(.refused, "\(at) does not offer TLS, but sslmode=\(sslMode) requires it; enable ssl on the "
                    + "server, or use sslmode=prefer if plain TCP is acceptable there")
    }

    private static func noPassword(_ at: String, _ target: PostgresTarget) -> SourceError {
        let user = safe(target.user)
        guard let file = target.passwordFileWithoutMatch else {
            return SourceError(.refused, "\(at) asks user \(user) for a password, and none was found: "
                               + "put it in ~/.pgpass (chmod 600) or $PGPASSWORD")
        }
        let (host, port) = PasswordFile.hostKey(for: target)
        let wanted = [host, String(port), target.database, target.user].map(safe).joined(separator: ":")
        return SourceError(.refused, "\(at) asks user \(user) for a password, and the password file "
                           + "\(TerminalSafeText.sanitize(file, maxCharacters: 120)) has no line for \(wanted) "
                           + "(host:port:database:user, * matches any); add one, or set $PGPASSWORD")
    }

    /// Nothing came back in time, whichever layer noticed (the TCP connect, or the startup after it).
    private static func connectTimedOut(_ at: String, _ target: PostgresTarget) -> SourceError {
        SourceError(.unavailable, "\(at) did not answer within \(target.connectTimeoutSeconds) s (connect_timeout); "
                    + "check the host and port, and any firewall or proxy in between")
    }

    private static func tlsProblem(_ error: any Error, target: PostgresTarget, at: String) -> SourceError? {
        if let hostname = innermost(NIOSSLExtraError.self, in: error), hostname == .failedToValidateHostname {
            return SourceError(.refused, "the certificate of \(at) is not for that host name (sslmode=verify-full); "
                               + "connect with the name the certificate holds, or use sslmode=verify-ca")
        }
        if let ssl = innermost(NIOSSLError.self, in: error) {
            if case let .handshakeFailed(inner) = ssl {
                let detail = "\(inner)"
                if detail.contains("CERTIFICATE_VERIFY_FAILED") || detail.contains("certificate verify failed") {
                    return SourceError(.refused, "the certificate of \(at) is not signed by a trusted root "
                                       + "(sslmode=\(target.sslMode.rawValue)); name its CA with sslrootcert=FILE")
                }
            }
            return SourceError(.refused, "the TLS handshake with \(at) failed (sslmode=\(target.sslMode.rawValue)); "
                               + "check the server's certificate and sslrootcert")
        }
        return nil
    }

    /// Errors after which the connection cannot be trusted: the next use must make a new one.
    static func leavesConnectionUnusable(_ error: any Error) -> Bool {
        if error is DeadlineExceeded || error is CancellationError { return true }
        if let psql = innermost(PSQLError.self, in: error) {
            switch psql.code {
            case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .connectionError: return true
            default: return psql.serverInfo?[.sqlState].map { $0.hasPrefix("57P") || $0.hasPrefix("08") } ?? false
            }
        }
        return innermost(IOError.self, in: error) != nil
    }

    /// `allow`: the server refused a plain connection because pg_hba.conf has only `hostssl` rules for it.
    static func isNoEncryptionRefusal(_ error: any Error) -> Bool {
        guard let psql = innermost(PSQLError.self, in: error), psql.serverInfo?[.sqlState] == "28000" else { return false }
        return (psql.serverInfo?[.message] ?? "").contains("no encryption")
    }

    /// Looks through wrappers (postgres-nio's `underlying`, NIO's connection failures, transaction errors)
    /// for the first error of a type.
    static func innermost<E: Error>(_ type: E.Type, in error: any Error, depth: Int = 0) -> E? {
        if let found = error as? E { return found }
        guard depth < 8 else { return nil }
        var inner: [any Error] = []
        if let psql = error as? PSQLError, let underlying = psql.underlying { inner.append(underlying) }
        if let connection = error as? NIOConnectionError {
            inner += connection.connectionErrors.map(\.error)
            inner += [connection.dnsAError, connection.dnsAAAAError].compactMap { $0 }
        }
        if let transaction = error as? PostgresTransactionError {
            inner += [transaction.closureError, transaction.beginError, transaction.commitError].compactMap { $0 }
        }
        for candidate in inner {
            if let found = innermost(type, in: candidate, depth: depth + 1) { return found }
        }
        return nil
    }

    /// What the dashboard's next refresh does (a one-shot `report` leaves these out: it has no refresh).
    private static let triedAgain = "it is tried again on the next refresh"
    private static let madeAgain = "it is made again on the next refresh"
    private static let connectionMadeAgain = "the connection is made again on the next refresh"

    private static func safe(_ text: String) -> String { TerminalSafeText.sanitize(text, maxCharacters: 300) }

    /// "10 s", "1.5 s", "300 ms": as precise as the setting was given.
    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        guard milliseconds >= 1000 else { return "\(milliseconds) ms" }
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : String(format: "%.1f s", Double(milliseconds) / 1000)
    }
}
