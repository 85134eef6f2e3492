import ChanstatTestSupport
import Foundation

/// A TLS server on a loopback port whose certificate names another host ("other.example"), self-signed:
/// `openssl s_server`, so the test needs no TLS package of its own. The key and certificate are made fresh
/// (TestCertificates) in a temporary directory.
final class TLSTestServer: @unchecked Sendable {
    static let openssl = TestCertificates.openssl
    static var isAvailable: Bool { TestCertificates.isAvailable }

    let port: Int
    private let process = Process()
    private let directory: URL?
    private let lock = NSLock()
    private var printed = ""

    convenience init(certificateFor host: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-tls-\(UUID().uuidString)")
        let (certificate, key) = try TestCertificates.selfSigned(forHost: host, in: directory)
        try self.init(certificate: certificate, key: key, removing: directory)
    }

    /// A server with a given certificate (its files are the caller's) on `address` ("127.0.0.1", "[::1]").
    /// `www`: answer every request with s_server's status page; otherwise print what clients send (`received`)
    /// and answer nothing, as a recorder.
    init(certificate: String, key: String, address: String = "127.0.0.1", port: Int = 0, www: Bool = true,
         removing directory: URL? = nil) throws {
        self.directory = directory
        process.executableURL = URL(fileURLWithPath: Self.openssl)
        // Port 0: s_server prints the port it got ("ACCEPT 127.0.0.1:PORT"), so no port is guessed.
        process.arguments = ["s_server", "-accept", "\(address):\(port)", "-cert", certificate, "-key", key]
            + (www ? ["-www"] : [])
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = Pipe()
        process.environment = TestEnvironment.minimal()
        try process.run()
        var seen = ""
        while !seen.contains("\n") || !seen.contains("ACCEPT") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw CocoaError(.fileReadUnknown) }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        let line = seen.split(separator: "\n").first { $0.hasPrefix("ACCEPT") } ?? ""
        // A fixed port may be printed as its service name ("ACCEPT 127.0.0.1:https").
        guard let port = port != 0 ? port : line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
        printed = seen
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            guard let self, !chunk.isEmpty else { return }
            self.lock.withLock { self.printed += String(decoding: chunk, as: UTF8.self) }
        }
    }

    /// Everything s_server printed so far: with `www` false, the requests it was sent, in clear.
    var received: String { lock.withLock { printed } }

    func stop() {
        // SIGKILL: s_server does not end on SIGTERM while it waits in accept.
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }
}
