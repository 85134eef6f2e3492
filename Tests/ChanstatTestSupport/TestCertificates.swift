import Foundation

/// A private certificate authority for tests, and server certificates it signs, made by the `openssl` CLI in a
/// folder the caller owns (and removes). A test can then check that a client verifies the server's name against
/// a CA it was given, and refuses a certificate for another name or one the CA never signed, without any TLS
/// package of its own.
public struct TestCertificates: Sendable {
    public static let openssl = "/usr/bin/openssl"
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: openssl) }

    /// Where the CA and every certificate issued without a folder of its own are written.
    public let directory: URL
    /// The CA's certificate (PEM): what a client is given as its root (libpq's `sslrootcert`).
    public let caFile: String
    private let caKeyFile: String

    /// Makes a new CA in `directory` (created when missing).
    public init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.directory = directory
        caFile = directory.appendingPathComponent("ca.crt").path
        caKeyFile = directory.appendingPathComponent("ca.key").path
        try Self.openSSL(["req", "-x509"] + Self.newKey(caKeyFile) + [
            "-out", caFile, "-days", "2", "-subj", "/CN=chanstat test CA",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        try Self.restrict(caKeyFile)
    }

    /// A server certificate signed by this CA, for `host` (CN and DNS name) and, when given, an IP address too
    /// (libpq's verify-full checks the IP SAN when it connects by address). Written into `folder`, or the CA's
    /// directory; each call makes new files, so several certificates for one host can exist side by side.
    public func serverCertificate(forHost host: String, ipAddress: String? = nil,
                                  in folder: URL? = nil) throws -> (certFile: String, keyFile: String) {
        try serverCertificate(names: ["DNS:\(host)"] + (ipAddress.map { ["IP:\($0)"] } ?? []), commonName: host,
                              in: folder)
    }

    /// A server certificate signed by this CA whose subject alternative names are exactly `names`
    /// (`DNS:db.example.test`, `IP:127.0.0.1`, `IP:::1`), for tests of which names a client accepts.
    public func serverCertificate(names: [String], commonName: String,
                                  in folder: URL? = nil) throws -> (certFile: String, keyFile: String) {
        try FileManager.default.createDirectory(at: folder ?? directory, withIntermediateDirectories: true)
        let (certFile, keyFile) = try Self.newPaths(for: commonName, in: folder ?? directory)
        let request = certFile + ".csr", extensions = certFile + ".ext"
        defer {
            try? FileManager.default.removeItem(atPath: request)
            try? FileManager.default.removeItem(atPath: extensions)
        }
        try Self.openSSL(["req", "-new"] + Self.newKey(keyFile) + ["-out", request, "-subj", "/CN=\(commonName)"])
        try Data("""
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature, keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = \(names.joined(separator: ","))

            """.utf8).write(to: URL(fileURLWithPath: extensions))
        // A random serial rather than -CAcreateserial: no serial file next to the CA for parallel tests to race on.
        let serial = "0x" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16)
        try Self.openSSL(["x509", "-req", "-in", request, "-CA", caFile, "-CAkey", caKeyFile, "-set_serial", serial,
                          "-days", "2", "-extfile", extensions, "-out", certFile])
        try Self.restrict(keyFile)
        return (certFile, keyFile)
    }

    /// A self-signed certificate for `host` that no test CA vouches for.
    public static func selfSigned(forHost host: String, in folder: URL) throws -> (certFile: String, keyFile: String) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (certFile, keyFile) = try newPaths(for: host, in: folder)
        try openSSL(["req", "-x509"] + newKey(keyFile) + ["-out", certFile, "-days", "2", "-subj", "/CN=\(host)",
                                                          "-addext", "subjectAltName=DNS:\(host)"])
        try restrict(keyFile)
        return (certFile, keyFile)
    }

    /// The arguments that make `req` write a new unencrypted EC key (small and fast to make).
    private static func newKey(_ keyFile: String) -> [String] {
        ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", keyFile]
    }

    private static func newPaths(for host: String, in folder: URL) throws -> (certFile: String, keyFile: String) {
        let safe = String(host.map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" })
        let base = folder.appendingPathComponent("\(safe)-\(UUID().uuidString.prefix(8))").path
        return (base + ".crt", base + ".key")
    }

    /// Servers such as PostgreSQL refuse a key file that others can read.
    private static func restrict(_ keyFile: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
    }

    private static func openSSL(_ arguments: [String]) throws {
        let result = try ChildProcess.run(URL(fileURLWithPath: openssl), arguments)
        guard result.status == 0 else {
            throw TestCertificatesError(message: "openssl \(arguments.first ?? "") failed: \(result.stderr)")
        }
    }
}

public struct TestCertificatesError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
