import ChanstatCore
import Foundation
import NIOSSL

/// Which certificate authorities the API source trusts: the system's bundle, or `$SSL_CERT_FILE` in its place
/// (as OpenSSL and curl read it), plus the PEM bundle of `--ca-file` (a company's own CA) on top of either.
///
/// The files are read once, when the source is made, so a missing or unreadable bundle is one sentence
/// before anything is sent, not a TLS failure on every refresh.
public struct CertificateTrust: Sendable {
    public static let environmentVariable = "SSL_CERT_FILE"

    /// nil: the system's bundle.
    let roots: [NIOSSLCertificate]?
    let additional: [NIOSSLCertificate]
    /// Whether `--ca-file` was given: an untrusted certificate's sentence then says that file did not help.
    let hasCAFile: Bool

    public static let system = CertificateTrust(roots: nil, additional: [], hasCAFile: false)

    private init(roots: [NIOSSLCertificate]?, additional: [NIOSSLCertificate], hasCAFile: Bool) {
        self.roots = roots
        self.additional = additional
        self.hasCAFile = hasCAFile
    }

    /// `caFile` from `--ca-file` or a profile's `ca_file`; an empty `$SSL_CERT_FILE` counts as unset.
    public init(caFile: String?, environment: [String: String]) throws(SourceError) {
        let fromEnvironment = environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        roots = try fromEnvironment.map { path throws(SourceError) in
            try Self.certificates(in: path, from: "$\(Self.environmentVariable)")
        }
        additional = try caFile.map { path throws(SourceError) in try Self.certificates(in: path, from: "--ca-file") } ?? []
        hasCAFile = caFile != nil
    }

    var tlsConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let roots { configuration.trustRoots = .certificates(roots) }
        if !additional.isEmpty { configuration.additionalTrustRoots = [.certificates(additional)] }
        return configuration
    }

    /// Every certificate of a PEM bundle; a file that cannot be read or holds none is refused with a sentence.
    static func certificates(in path: String, from origin: String) throws(SourceError) -> [NIOSSLCertificate] {
        let shown = TerminalSafeText.sanitize(path, maxCharacters: 80)
        let bytes: [UInt8]
        do {
            bytes = try InputFile(path, role: "CA bundle").contents(atMost: InputFile.documentLimit).bytes
        } catch {
            throw SourceError(.refused, "cannot use the CA bundle \(shown) (\(origin)): it \(error.problem)")
        }
        let certificates = try? NIOSSLCertificate.fromPEMBytes(bytes)
        guard let certificates, !certificates.isEmpty else {
            throw SourceError(.refused, "cannot use the CA bundle \(shown) (\(origin)): it holds no PEM certificate "
                              + "(-----BEGIN CERTIFICATE-----)")
        }
        return certificates
    }
}
