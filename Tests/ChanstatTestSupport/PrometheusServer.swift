import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real Prometheus (Debian's `prometheus`), never the system service: its own process (`ServerChild`), its
/// config, token file and storage in a temporary folder, on a free loopback port, scraping one target every
/// second with a bearer token read from a file, as docs/monitoring.md's scrape job does. Stopped, and its
/// folder removed, by `stop` (or deinit).
public final class PrometheusServer {
    public let port: Int
    public let directory: URL
    private let process: ServerChild

    public static var isInstalled: Bool { Shell.exists("prometheus") }

    public init(scraping target: Int, token: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let tokenFile = directory.appendingPathComponent("token")
        try Data(token.utf8).write(to: tokenFile)
        let config = directory.appendingPathComponent("prometheus.yml")
        try Data("""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: chanstat
                metrics_path: /metrics
                authorization:
                  type: Bearer
                  credentials_file: \(tokenFile.path)
                static_configs:
                  - targets: ['127.0.0.1:\(target)']
            """.utf8).write(to: config)
        var lastError = "did not start"
        // A free port is found by binding to port 0 and letting it go; another process may take it in between.
        for _ in 0..<5 {
            let port = try Loopback.unusedPort()
            let log = directory.appendingPathComponent("prometheus.log").path
            let child = try ServerChild(["prometheus", "--config.file=\(config.path)",
                                         "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
                                         "--web.listen-address=127.0.0.1:\(port)"], outputFile: log)
            if Loopback.waitUntilListening(port: port, child, seconds: 60) {
                self.port = port
                process = child
                return
            }
            child.stop(signal: SIGKILL)
            lastError = (try? String(contentsOfFile: log, encoding: .utf8)) ?? lastError
        }
        try? FileManager.default.removeItem(at: directory)
        throw DidNotStart(description: "prometheus did not listen: \(lastError.suffix(600))")
    }

    deinit { stop() }

    public func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The values of an instant query through Prometheus' HTTP API (`/api/v1/query`), one per series.
    public func query(_ promQL: String) throws -> [Double] {
        let result = try Shell.run("curl", ["-s", "-m", "10", "-G", "--data-urlencode", "query=\(promQL)",
                                            "http://127.0.0.1:\(port)/api/v1/query"])
        guard let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let data = object["data"] as? [String: Any], let series = data["result"] as? [[String: Any]] else {
            return []
        }
        return series.compactMap { ($0["value"] as? [Any])?.last as? String }.compactMap(Double.init)
    }

    /// The query's values once Prometheus has them (it scrapes every second), within `seconds`.
    public func waitFor(_ promQL: String, seconds: Double = 60) throws -> [Double] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let values = try query(promQL)
            if !values.isEmpty { return values }
            Thread.sleep(forTimeInterval: 0.5)
        }
        return []
    }

    struct DidNotStart: Error, CustomStringConvertible { let description: String }
}
