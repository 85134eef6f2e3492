import ChanstatTestSupport
import Foundation

/// A TLS server on a loopback port whose certificate names another host ("other.example"), self-signed:
/// `openssl s_server`, so the test needs no TLS package of its own. The key and certificate are made fresh
/// (TestCertificates) in a temporary directory.
final class TLSTestServer {
    static let openssl = TestCertificates.openssl
    static var isAvailable: Bool { TestCertificates.isAvailable }

    let port: Int
    private let process = Process()
    private let directory: URL

    init(certificateFor host: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-tls-\(UUID().uuidString)")
        let (certificate, key) = try TestCertificates.selfSigned(forHost: host, in: directory)
        process.executableURL = URL(fileURLWithPath: Self.openssl)
        // Port 0: s_server prints the port it got ("ACCEPT 127.0.0.1:PORT"), so no port is guessed.
        process.arguments = ["s_server", "-accept", "127.0.0.1:0", "-cert", certificate, "-key", key, "-www"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = Pipe()
        try process.run()
        var seen = ""
        while !seen.contains("\n") || !seen.contains("ACCEPT") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw CocoaError(.fileReadUnknown) }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        let line = seen.split(separator: "\n").first { $0.hasPrefix("ACCEPT") } ?? ""
        guard let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
    }

    func stop() {
        // SIGKILL: s_server does not end on SIGTERM while it waits in accept.
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        try? FileManager.default.removeItem(at: directory)
    }
}
