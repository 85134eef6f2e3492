import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real nginx (Debian's nginx-light) in front of a server on this machine, with the stock proxy settings:
/// `proxy_pass` and nothing else, so `underscores_in_headers` is off and a header name with `_` is dropped, as
/// on most Chatwoot installations. Plain http, or TLS terminated by nginx with a certificate the test made.
///
/// Everything lives in a temporary folder (config, pid file, logs, temp paths), nginx stays in the foreground
/// (`daemon off`) as the test's own child (`ServerChild`), on a free loopback port; `stop` (or deinit) ends it
/// and removes the folder. Never the system's nginx.
public final class NginxProxy {
    public static let executable = "/usr/sbin/nginx"
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    public let port: Int
    public let directory: URL
    private let process: ServerChild

    /// `tls`: nginx listens with this certificate and key (a server certificate from `TestCertificates`).
    public init(upstreamPort: Int, tls: (certFile: String, keyFile: String)? = nil) throws {
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("chanstat-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // A free port is found by binding to port 0 and letting it go; another process may take it in between,
        // which nginx reports as "Address already in use": then try another.
        var lastError = ""
        for _ in 0..<5 {
            let port = try Loopback.unusedPort()
            let process = try Self.launch(in: directory, port: port, upstreamPort: upstreamPort, tls: tls)
            if Loopback.waitUntilListening(port: port, process, seconds: 30) {
                self.port = port
                self.process = process
                return
            }
            process.stop(signal: SIGKILL)
            lastError = (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
            guard lastError.contains("Address already in use") else { break }
        }
        try? FileManager.default.removeItem(at: directory)
        throw NginxError(message: "nginx did not start: \(lastError.suffix(2000))")
    }

    deinit { stop() }

    public var url: String { "http://127.0.0.1:\(port)" }

    /// What nginx logged (its errors, and one access line per request).
    public var log: String {
        ["error.log", "access.log"].compactMap {
            try? String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)
        }.joined(separator: "\n")
    }

    /// SIGTERM (nginx's fast shutdown: the master ends its worker, then itself), then the folder is removed.
    public func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func launch(in directory: URL, port: Int, upstreamPort: Int,
                               tls: (certFile: String, keyFile: String)?) throws -> ServerChild {
        let config = directory.appendingPathComponent("nginx.conf")
        try Data(configuration(directory: directory.path, port: port, upstreamPort: upstreamPort, tls: tls).utf8)
            .write(to: config)
        return try ServerChild([executable, "-p", directory.path, "-c", config.path,
                                "-e", directory.appendingPathComponent("error.log").path],
                               outputFile: directory.appendingPathComponent("output").path)
    }

    /// The stock proxy: one `location /` with `proxy_pass`. As root the one worker stays root (`user root`)
    /// so that it can read what the master could; every path nginx writes is in `directory`.
    static func configuration(directory: String, port: Int, upstreamPort: Int,
                              tls: (certFile: String, keyFile: String)?) -> String {
        let listen = tls == nil ? "listen 127.0.0.1:\(port);" : """
            listen 127.0.0.1:\(port) ssl;
                    ssl_certificate \(tls!.certFile);
                    ssl_certificate_key \(tls!.keyFile);
            """
        return """
            daemon off;
            worker_processes 1;
            \(getuid() == 0 ? "user root;" : "")
            pid \(directory)/nginx.pid;
            error_log \(directory)/error.log warn;
            events { worker_connections 64; }
            http {
                access_log \(directory)/access.log;
                client_body_temp_path \(directory)/body;
                proxy_temp_path \(directory)/proxy;
                fastcgi_temp_path \(directory)/fastcgi;
                uwsgi_temp_path \(directory)/uwsgi;
                scgi_temp_path \(directory)/scgi;
                server {
                    \(listen)
                    server_name localhost;
                    location / {
                        proxy_pass http://127.0.0.1:\(upstreamPort);
                    }
                }
            }

            """
    }

    /// Polls for a connection on the port; false when nginx ended (or did not listen within 30 s).
}

public struct NginxError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
