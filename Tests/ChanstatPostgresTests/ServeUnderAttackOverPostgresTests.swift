import ChanstatCore
@testable import ChanstatPostgres
import ChanstatTestSupport
import Foundation
import PostgresNIO
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension PostgresServerTests {
    /// SPEC 14 "serve under load and attack" and "Every wait ends", over Chatwoot's PostgreSQL database: the
    /// real `serve` against a flood of long tokens, a revoked token, a table locked by another session and a
    /// server frozen with SIGSTOP. (Over a file: ChanstatHTTPTests' `ServeUnderAttackTests`.)
    @Suite(.enabled(if: PostgresCluster.isAvailable && ChanstatBinary.isBuilt, "needs PostgreSQL and swift build"),
           .timeLimit(.minutes(5)))
    struct ServeUnderAttackOverPostgresTests {
        static let path = "/api/v2/accounts/1/summary_reports/channel?since=2026-06-01&until=2026-11-20"

        /// A database with the sample data, and the administrator token of account 1.
        static func sampleDatabase(on cluster: PostgresCluster? = nil) throws -> (ChatwootDatabase, token: String) {
            let database = try ChatwootDatabase.make(on: cluster, withTables: false)
            let sample = try ChanstatBinary.run(["sample", "--out", database.url(), "--conversations", "2000",
                                                 "--end", "2026-11-20"])
            try #require(sample.status == 0, "\(sample.stderr)")
            let line = sample.stdout.split(separator: "\n").first { $0.contains("account 1 (") && $0.contains("administrator:") }
            let token = try #require(line?.split(separator: " ").last.map(String.init))
            return (database, token)
        }

        static func get(_ url: String, token: String? = nil, seconds: Int = 20) throws -> (status: Int, body: String) {
            var arguments = ["-s", "-m", "\(seconds)", "-w", "\n%{http_code}"]
            if let token { arguments += ["-H", "Api-Access-Token: \(token)"] }
            let result = try Shell.run("curl", arguments + [url])
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
        }

        /// What an anonymous caller must never read: the database's name, address, socket folder, role.
        static func expectNothingNamed(_ body: String, _ database: ChatwootDatabase) {
            for secret in [database.name, database.cluster.socketDirectory, "\(database.cluster.port)", "postgres"] {
                #expect(!body.contains(secret), "\(body) names \(secret)")
            }
        }

        /// 6,000 requests with 60 KB tokens: each is refused before any query and nothing of them is kept, so
        /// serve's memory stays within 50 MB of where it started. Before, every refusal was cached by its text
        /// (40 → 430 MB) and each cost a query.
        @Test func aFloodOfLongTokensLeavesMemoryBounded() async throws {
            let (database, _) = try Self.sampleDatabase()
            let serve = try ServeProcess(database: database.url())
            defer { serve.stop() }
            _ = try Self.get(serve.url + "/health")
            let before = try serve.residentKiB()
            let filler = String(repeating: "t", count: 60 * 1024)
            // 8 clients, 750 requests each on one connection, every token different (a cache keyed by the
            // token's text keeps one entry per request: 6,000 × 60 KB).
            let port = serve.port
            let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
                for worker in 0..<8 {
                    group.addTask { try await OffThePool.run {
                        try LongTokenFlood.send(port: port, path: Self.path, tokens: (0..<750).map { "\(worker)-\($0)-" + filler })
                    } }
                }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
            #expect(statuses.count == 6_000)
            #expect(statuses.allSatisfy { $0 == 401 }, "\(Set(statuses))")
            let after = try serve.residentKiB()
            print("serve RSS: \(before) KiB before, \(after) KiB after \(statuses.count) long tokens")
            #expect(after - before < 50 * 1024, "RSS grew from \(before) KiB to \(after) KiB")
            #expect(serve.log.contains("refused: a token of 6144"), "no log line for a long token")
            #expect(!serve.log.contains(String(filler.prefix(64))))
        }

        /// A token deleted from access_tokens is refused within about 5 s even with --cache-seconds 300
        /// (grants are kept 5 s at most). Before, it kept working for the whole 300 s.
        @Test func aRevokedTokenIsRefusedWithinFiveSeconds() async throws {
            let (database, token) = try Self.sampleDatabase()
            let serve = try ServeProcess(database: database.url(), arguments: ["--cache-seconds", "300"])
            defer { serve.stop() }
            #expect(try Self.get(serve.url + Self.path, token: token).status == 200)
            try database.sql("DELETE FROM access_tokens WHERE token = '\(token)'")
            let revoked = ContinuousClock.now
            var status = 200
            // 503 (the check did not finish in time on a loaded machine) says nothing either way: ask again.
            while status != 401, ContinuousClock.now - revoked < .seconds(20) {
                try await Task.sleep(for: .milliseconds(250))
                status = try Self.get(serve.url + Self.path, token: token).status
            }
            let took = ContinuousClock.now - revoked
            #expect(status == 401, "\(serve.log)")
            #expect(took < .seconds(10), "still served \(took) after the token was deleted")
        }

        /// /health is `{"status":"ok"}` and a refusal is the fixed 401 body: nothing of the database in either.
        @Test func anonymousAnswersNameNothingOfTheDatabase() async throws {
            let (database, _) = try Self.sampleDatabase()
            let serve = try ServeProcess(database: database.url())
            defer { serve.stop() }
            let health = try Self.get(serve.url + "/health")
            #expect(health.status == 200)
            #expect(health.body == "{\"status\":\"ok\"}")
            let refused = try Self.get(serve.url + Self.path, token: "nobody")
            #expect(refused.status == 401)
            for body in [health.body, refused.body] { Self.expectNothingNamed(body, database) }
        }

        /// Another session holds ACCESS EXCLUSIVE on conversations, so a report waits for it: `/health` and a
        /// wrong token are answered at once all the same (their own connection; the access tables are not
        /// locked). Before, they queued behind the report on the one connection until its timeout.
        @Test func healthAndARefusalDoNotWaitForALockedTable() async throws {
            let (database, token) = try Self.sampleDatabase()
            let serve = try ServeProcess(database: database.url(), arguments: ["--statement-timeout", "20"])
            defer { serve.stop() }
            #expect(try Self.get(serve.url + "/health").status == 200)
            let locker = try await Self.lockConversations(database)
            let url = serve.url
            // Eight reports (serve's cap on reports running or waiting; eight ranges, so no shared query): with a
            // lock_timeout of about 2 s each ends after a while, but one after the other, so queueing behind them
            // would take 16 s. The bound, 10 s, tells that from answering at once (well under a second alone) with
            // room for the loaded library phase of CI, where two cores run every suite at once.
            let reports = (1...8).map { day in
                Task.detached { try await OffThePool.run {
                    try Self.get(url + "/api/v2/accounts/1/summary_reports/channel?since=2026-06-0\(day)&until=2026-11-20",
                                 token: token, seconds: 40)
                } }
            }
            try await Task.sleep(for: .milliseconds(500))
            let started = ContinuousClock.now
            let health = try Self.get(url + "/health", seconds: 30)
            let refused = try Self.get(url + Self.path, token: "wrong-token", seconds: 30)
            let took = ContinuousClock.now - started
            await locker.close()
            for report in reports { _ = try? await report.value }
            #expect(health.status == 200)
            #expect(refused.status == 401)
            #expect(took < .seconds(10), "took \(took) behind reports waiting for a lock")
        }

        /// Twenty reports at once while conversations is locked: past the bound (8 running or waiting) the rest
        /// are answered at once with 503, Retry-After and "server_busy", one log line each. Before, every one
        /// queued on the one connection, each for its statement timeout in turn.
        @Test func aBurstOfSlowReportsIsBoundedWith503AndRetryAfter() async throws {
            let (database, token) = try Self.sampleDatabase()
            let serve = try ServeProcess(database: database.url(), arguments: ["--statement-timeout", "20"])
            defer { serve.stop() }
            let locker = try await Self.lockConversations(database)
            let url = serve.url
            let started = ContinuousClock.now
            let answers = try await withThrowingTaskGroup(of: [String].self) { group in
                for day in 1...20 {
                    group.addTask { try await OffThePool.run {
                        let result = try Shell.run("curl", ["-s", "-m", "40", "-i", "-H", "Api-Access-Token: \(token)",
                            url + "/api/v2/accounts/1/summary_reports/channel?since=\(1_780_000_000 + day * 60)&until=1790000000"])
                        return [result.stdout, "\(ContinuousClock.now - started)"]
                    } }
                }
                try await Task.sleep(for: .seconds(3))
                await locker.close()
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            let busy = answers.filter { $0[0].hasPrefix("HTTP/1.1 503") && $0[0].contains("\"code\":\"server_busy\"") }
            #expect(busy.count >= 10, "\(answers.map { $0[0].prefix(12) })")
            #expect(busy.allSatisfy { $0[0].lowercased().contains("retry-after: ") })
            #expect(serve.log.contains("refused: report queue full"))
            for answer in answers { Self.expectNothingNamed(answer[0].components(separatedBy: "\r\n\r\n").last ?? "", database) }
        }

        /// A session of the test's own holding ACCESS EXCLUSIVE on conversations until it is closed.
        static func lockConversations(_ database: ChatwootDatabase) async throws -> PostgresSession {
            let (target, _) = try PostgresAddress.resolve(database.url(), environment: .init(
                variables: [:], userName: "postgres", homeDirectory: nil))
            let locker = PostgresSession(target: target, statementTimeout: .zero, readOnly: false, idleClose: nil)
            try await locker.run { connection, logger in
                try await connection.execute("BEGIN", logger: logger)
                try await connection.execute("LOCK TABLE public.conversations IN ACCESS EXCLUSIVE MODE", logger: logger)
            }
            return locker
        }

        /// The database frozen (SIGSTOP on every process of the cluster): `/health` answers at once, 503
        /// `{"status":"unavailable"}`, and again on the next asks; nothing waits for the database to wake.
        @Test func healthAnswersAtOnceWhileTheDatabaseIsFrozen() async throws {
            let cluster = try PostgresCluster.start()
            defer { cluster.destroy() }
            let (database, _) = try Self.sampleDatabase(on: cluster)
            let serve = try ServeProcess(database: database.url())
            defer { serve.stop() }
            #expect(try Self.get(serve.url + "/health").status == 200)
            let frozen = try Self.processes(of: cluster)
            try #require(!frozen.isEmpty)
            frozen.forEach { kill($0, SIGSTOP) }
            defer { frozen.forEach { kill($0, SIGCONT) } }
            try await Task.sleep(for: .milliseconds(1_200))
            for _ in 0..<3 {
                let started = ContinuousClock.now
                let health = try Self.get(serve.url + "/health", seconds: 10)
                let took = ContinuousClock.now - started
                #expect(health.status == 503 && health.body == "{\"status\":\"unavailable\"}", "\(health)")
                // `/health` gives up on its probe after `ServeLimits.healthWait` (1.5 s); waiting for the database
                // would never end. 8 s leaves room for a loaded machine.
                #expect(took < .seconds(8), "took \(took) with the database frozen")
                Self.expectNothingNamed(health.body, database)
            }
            frozen.forEach { kill($0, SIGCONT) }
            var status = 0
            let thawed = ContinuousClock.now
            while status != 200, ContinuousClock.now - thawed < .seconds(40) {
                try await Task.sleep(for: .milliseconds(500))
                status = try Self.get(serve.url + "/health", seconds: 5).status
            }
            #expect(status == 200, "serve did not see the database again")
        }

        /// The postmaster (from postmaster.pid) and its children: every process of this test's own cluster.
        static func processes(of cluster: PostgresCluster) throws -> [pid_t] {
            let pidFile = cluster.directory.appendingPathComponent("data/postmaster.pid")
            let text = try String(contentsOf: pidFile, encoding: .utf8)
            let postmaster = try #require(text.split(separator: "\n").first.flatMap { pid_t($0) })
            let children = (try? String(contentsOfFile: "/proc/\(postmaster)/task/\(postmaster)/children", encoding: .utf8)) ?? ""
            return [postmaster] + children.split(separator: " ").compactMap { pid_t($0) }
        }
    }
}

/// A client that sends one long-token request after another on one connection and reads each answer whole
/// (by its Content-Length): a flood at the speed the server answers.
enum LongTokenFlood {
    static func send(port: Int, path: String, tokens: [String]) throws -> [Int] {
        guard let fd = Loopback.connect(port: port) else { throw POSIXError(.ECONNREFUSED) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var statuses: [Int] = []
        var pending = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        for token in tokens {
            let request = Array("GET \(path) HTTP/1.1\r\nHost: x\r\nApi-Access-Token: \(token)\r\n\r\n".utf8)
            var sent = 0
            while sent < request.count {
                let count = request[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard count > 0 else { throw POSIXError(.EPIPE) }
                sent += count
            }
            while true {
                if let answer = Self.answer(in: &pending) {
                    statuses.append(answer)
                    break
                }
                let count = recv(fd, &chunk, chunk.count, 0)
                guard count > 0 else { throw POSIXError(.ECONNRESET) }
                pending += chunk[0..<count]
            }
        }
        return statuses
    }

    /// The status of the first whole answer in `buffer`, removed from it; nil until one is whole.
    private static func answer(in buffer: inout [UInt8]) -> Int? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = buffer.indices.dropLast(3).first(where: { Array(buffer[$0..<$0 + 4]) == separator }) else { return nil }
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        guard buffer.count >= end + 4 + length else { return nil }
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        buffer.removeFirst(end + 4 + length)
        return status
    }
}
