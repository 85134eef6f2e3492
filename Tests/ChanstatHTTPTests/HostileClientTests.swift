import ChanstatCore
import ChanstatTestSupport
import Foundation
import Testing

/// The real `chanstat serve` binary against clients that attack it (issue 5, item 4). After each attack a
/// normal request must still be answered: the test fails if the server crashed, hung, or stopped accepting.
@Suite(.serialized, .timeLimit(.minutes(2)), .enabled(if: ChanstatBinary.isBuilt, "needs swift build first"))
struct HostileClientTests {
    static let idleSeconds = 2
    static let path = "/api/v2/accounts/1/summary_reports/channel"
    static let query = "?since=\(Fixture.range.since)&until=\(Fixture.range.until)"

    /// A fixture and a running server (idle timeout shortened by default so a test waits seconds, not 30 s).
    static func withServer(idleTimeout: Int = idleSeconds,
                           _ body: (ServeProcess, Fixture) async throws -> Void) async throws {
        let fixture = try Fixture(conversations: 500)
        defer { fixture.remove() }
        let server = try ServeProcess(database: fixture.path, arguments: ["--idle-timeout", "\(idleTimeout)"])
        defer { server.stop() }
        try await body(server, fixture)
        try await expectStillServing(server)
    }

    /// `Connection: close`, so the check never reuses a pooled connection that the server's (short) idle
    /// timeout has just closed: the client would then fail with "I/O on closed channel", a client-side race.
    static func expectStillServing(_ server: ServeProcess) async throws {
        #expect(server.isRunning)
        let health = try await fetch(server.url + "/health", headers: [("Connection", "close")])
        #expect(health.status == 200)
    }

    /// Either a clean 4xx with a JSON body, or the connection closed without an answer: never a hang.
    static func expectRefusedOrClosed(_ answer: (text: String, closed: Bool)) {
        #expect(answer.closed, "the server kept a hostile connection open")
        guard !answer.text.isEmpty else { return }
        let status = Int(answer.text.split(separator: " ").dropFirst().first ?? "") ?? 0
        #expect((400..<500).contains(status), "\(answer.text.prefix(200))")
    }

    @Test func aHundredKilobyteURLOrHeaderIsRefused() async throws {
        try await Self.withServer { server, fixture in
            let padding = String(repeating: "a", count: 100 * 1024)
            let longURL = try RawConnection(port: server.port)
            longURL.send("GET \(Self.path)\(Self.query)&pad=\(padding) HTTP/1.1\r\nHost: x\r\n"
                         + "api_access_token: \(fixture.administrator)\r\nConnection: close\r\n\r\n")
            Self.expectRefusedOrClosed(longURL.readToEnd())
            let longHeader = try RawConnection(port: server.port)
            longHeader.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: \(padding)\r\nConnection: close\r\n\r\n")
            Self.expectRefusedOrClosed(longHeader.readToEnd())
        }
    }

    /// Decision: a body on GET is read and ignored; the answer is the same as without it.
    @Test func aBodyOnGETIsIgnored() async throws {
        try await Self.withServer { server, fixture in
            let connection = try RawConnection(port: server.port)
            let body = #"{"since":0,"until":1}"#
            connection.send("GET \(Self.path)\(Self.query) HTTP/1.1\r\nHost: x\r\napi_access_token: \(fixture.administrator)\r\n"
                            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
            let answer = connection.readToEnd()
            #expect(answer.text.hasPrefix("HTTP/1.1 200"))
            #expect(answer.text.hasSuffix(try await fixture.expectedJSON()))
        }
    }

    /// A silent client and one that stops halfway through the request head are both closed after the idle
    /// timeout, while another client is served meanwhile. Without the timeout both reads end in their own
    /// (longer) read timeout with the connection still open, and the test fails.
    @Test func idleAndHalfRequestClientsAreDisconnected() async throws {
        try await Self.withServer { server, _ in
            let silent = try RawConnection(port: server.port, readTimeout: .seconds(Self.idleSeconds * 5))
            let half = try RawConnection(port: server.port, readTimeout: .seconds(Self.idleSeconds * 5))
            half.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            try await Self.expectStillServing(server)
            let silentEnd = silent.readToEnd(), halfEnd = half.readToEnd()
            #expect(silentEnd.closed && silentEnd.text.isEmpty)
            #expect(halfEnd.closed)
        }
    }

    /// Slowloris: a request head dripped one byte every 200 ms never completes, and each byte would reset a
    /// timer that counted raw bytes. serve's idle timer counts requests, so the connection is closed about
    /// `idleSeconds` after it opened. The test gives up dripping after 5 times that: without the timeout the
    /// drip is still being accepted then, and the test fails (checked with serve's default of 30 s).
    @Test func aClientDrippingItsRequestHeadIsDisconnected() async throws {
        try await Self.withServer { server, _ in
            let drip = try RawConnection(port: server.port)
            #expect(drip.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Drip: "))
            let giveUp = ContinuousClock.now + .seconds(Self.idleSeconds * 5)
            var accepted = true
            while accepted && ContinuousClock.now < giveUp {
                try await Task.sleep(for: .milliseconds(200))
                // After the server closes, the first byte may still be taken by the kernel; the next one fails.
                accepted = drip.send("a")
            }
            #expect(!accepted, "the server still took a dripped request head after \(Self.idleSeconds * 5) s")
            try await Self.expectStillServing(server)
        }
    }

    /// 2,000 connections at once (fewer if this process may not open that many files), half of them with a
    /// request: the server keeps answering while they are open and after they are gone.
    @Test func thousandsOfConcurrentConnections() async throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let count = min(2_000, Int(limit.rlim_cur) / 2 - 100)
        try #require(count >= 500, "the file limit (\(limit.rlim_cur)) is too low for this test")
        try await Self.withServer { server, _ in
            var connections: [RawConnection] = []
            for index in 0..<count {
                let connection = try RawConnection(port: server.port)
                if index.isMultiple(of: 2) { connection.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n") }
                connections.append(connection)
            }
            try await Self.expectStillServing(server)
            connections.removeAll()
        }
    }

    /// A load loop of 20,000 requests (answers, refusals and 404s): the resident memory at the end is within a
    /// generous margin of the memory after warm-up. A leak of even 1 KiB per request would add about 18 MiB,
    /// over the bound. A count, not a time: however slow the machine, the 18,000 requests are all made
    /// (the requests per second are a figure of `chanstat-bench soak`, not a test).
    /// The load reuses pooled connections, so the server keeps its 30 s idle timeout here: a pause of 2 s on a
    /// loaded machine would otherwise close one under the client.
    @Test func memoryStaysFlatUnderLoad() async throws {
        try await Self.withServer(idleTimeout: 30) { server, fixture in
            let urls = [server.url + "/health", server.url + Self.path + Self.query, server.url + "/nowhere"]
            let headers = [("api_access_token", fixture.administrator)]
            func load(_ requests: Int) async throws -> Int {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    let workers = 8
                    for worker in 0..<workers {
                        group.addTask {
                            var done = 0
                            for index in stride(from: worker, to: requests, by: workers) {
                                let answer = try await fetch(urls[index % urls.count], headers: headers)
                                #expect([200, 404].contains(answer.status))
                                done += 1
                            }
                            return done
                        }
                    }
                    return try await group.reduce(0, +)
                }
            }
            let warmUp = try await load(2_000)
            let afterWarmUp = try server.residentKiB()
            let measured = try await load(18_000)
            let atEnd = try server.residentKiB()
            print("serve RSS: \(afterWarmUp) KiB after \(warmUp) requests, \(atEnd) KiB after \(measured) more")
            #expect(atEnd - afterWarmUp < 16 * 1024, "RSS grew from \(afterWarmUp) KiB to \(atEnd) KiB")
        }
    }
}
