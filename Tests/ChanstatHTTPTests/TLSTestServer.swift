import ChanstatTestSupport
import Foundation

/// A TLS server on a loopback port whose certificate names another host ("other.example"), self-signed:
/// `openssl s_server`, so the test needs no TLS package of its own. The key and certificate are made fresh
/// by the `openssl` CLI in a temporary directory.
final class TLSTestServer {
    static let openssl = "/usr/bin/openssl"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: openssl) }

    let port: Int
    private let process = Process()
    private let directory: URL

    init(certificateFor host: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = directory.appendingPathComponent("key.pem").path, certificate = directory.appendingPathComponent("cert.pem").path
        try Self.runOpenSSL(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                             "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=\(host)",
                             "-addext", "subjectAltName=DNS:\(host)"])
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

    private static func runOpenSSL(_ arguments: [String]) throws {
        guard try ChildProcess.run(URL(fileURLWithPath: openssl), arguments).status == 0 else {
            throw CocoaError(.executableLoad)
        }
    }
}
