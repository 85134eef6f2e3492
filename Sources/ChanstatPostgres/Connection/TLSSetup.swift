import ChanstatCore
import Foundation
import NIOSSL
import PostgresNIO

/// Turns libpq's `sslmode` and `sslrootcert` into postgres-nio's TLS setting. Whenever a root certificate is
/// known (named, or `~/.postgresql/root.crt`), the server's chain is checked, as libpq does; only
/// `verify-full` also checks that the certificate names the host (NameCheckedTLS: a DNS entry for a host name,
/// an IP entry for an IP literal).
enum TLSSetup {
    /// The attempts to make, in order: one for every mode but `allow`, which tries plain TCP first and TLS
    /// only when the server refuses a connection without it.
    static func attempts(for target: PostgresTarget) throws -> [PostgresConnection.Configuration.TLS] {
        if case .socket = target.endpoint { return [.disable] }
        switch target.sslMode {
        case .disable: return [.disable]
        case .allow: return [.disable, .require(try context(for: target))]
        case .prefer: return [.prefer(try context(for: target))]
        case .require, .verifyCA, .verifyFull: return [.require(try context(for: target))]
        }
    }

    static func context(for target: PostgresTarget) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        let root = target.sslRootCertificate
        if let root, root != "system" {
            // Read here, by size and only from a regular file (SPEC 14), rather than by path inside the TLS library.
            let bytes: [UInt8]
            do {
                bytes = try InputFile(root, role: "root certificate file").contents(atMost: InputFile.documentLimit).bytes
            } catch {
                throw SourceError(.usage, "\(error.message) (sslrootcert, PGSSLROOTCERT or ~/.postgresql/root.crt)")
            }
            guard let roots = try? NIOSSLCertificate.fromPEMBytes(bytes), !roots.isEmpty else {
                throw noCertificate(in: root)
            }
            configuration.trustRoots = .certificates(roots)
        } else if root == nil, target.sslMode.needsRootCertificate {
            throw SourceError(.usage, "sslmode=\(target.sslMode.rawValue) checks the server's certificate, but no "
                              + "root certificate is configured: set sslrootcert=FILE (or sslrootcert=system for "
                              + "the system's store), or put the CA in ~/.postgresql/root.crt")
        }
        switch (target.sslMode, root) {
        case (.verifyFull, _): configuration.certificateVerification = .fullVerification
        case (_, nil): configuration.certificateVerification = .none
        default: configuration.certificateVerification = .noHostnameVerification
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw noCertificate(in: root ?? "")
        }
    }

    private static func noCertificate(in root: String) -> SourceError {
        SourceError(.usage, "the root certificate file \(TerminalSafeText.sanitize(root)) holds no usable PEM certificate")
    }
}
