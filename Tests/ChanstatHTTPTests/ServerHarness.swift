import AsyncHTTPClient
import ChanstatServer
import ChanstatSQLite
import Foundation
import Logging
import NIOCore

/// Runs the project's own server in this process on an ephemeral loopback port, for the length of `body`.
enum ServerHarness {
    static func withServer<T: Sendable>(
        databasePath: String, log: LogCollector = LogCollector(), limits: ServeLimits = .unhurried,
        metrics: MetricsSettings = MetricsSettings(),
        _ body: @Sendable (_ base: String) async throws -> T
    ) async throws -> T {
        let database = try ReportDatabase(path: databasePath)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let logger = Logger(label: "serve-test") { _ in log }
        let app = ReportServer.makeApplication(store: database, host: "127.0.0.1", port: 0, limits: limits,
                                               metrics: metrics, logger: logger) {
            continuation.yield($0)
        }
        // No signal handlers inside the test process: cancelling the task stops the server.
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let result = try await body("http://127.0.0.1:\(port)")
        server.cancel()
        _ = await server.result
        return result
    }
}

extension ServeLimits {
    /// serve's bounds with its deadlines far from anything a healthy file needs. This server runs inside the
    /// test process, whose few threads every suite shares at once: on a 2-core CI machine an access check
    /// waited more than the real 2 s at start-up and a report was answered "busy" (CI failed so). The real
    /// deadlines are tested against the serve binary, in the end-to-end phase, which runs alone.
    static var unhurried: ServeLimits {
        var limits = ServeLimits()
        limits.checkDeadline = .seconds(30)
        limits.healthWait = .seconds(30)
        return limits
    }
}

/// An answer as a test reads it.
struct Answer: Sendable {
    let status: Int
    let body: String
    let contentType: String?
    let allow: String?
}

/// A plain GET (or another method) with optional headers, through AsyncHTTPClient's shared client.
func fetch(_ url: String, method: String = "GET", headers: [(String, String)] = []) async throws -> Answer {
    var request = HTTPClientRequest(url: url)
    request.method = .init(rawValue: method)
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    // Generous: at the start of the library phase every suite begins at once on two cores, and a first answer
    // took over 10 s there (CI, metrics). The tests that are about time use their own clients and bounds.
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    let buffer = try await response.body.collect(upTo: 1 << 20)
    return Answer(status: Int(response.status.code), body: String(buffer: buffer),
                  contentType: response.headers.first(name: "content-type"),
                  allow: response.headers.first(name: "allow"))
}

/// Collects log lines, so a test can read what the server logged.
final class LogCollector: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let everything = "\(event.message) \(event.metadata ?? [:]) \(metadata)"
        lock.withLock { collected.append(everything) }
    }

    var lines: [String] { lock.withLock { collected } }
}
