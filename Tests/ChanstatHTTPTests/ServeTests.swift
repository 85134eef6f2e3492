import ChanstatCore
import ChanstatSQLite
import Foundation
import ChanstatServer
import GRDB
import Logging
import Testing

/// docs/http.md's serve table, row by row, against the project's own server over a real file.
@Suite struct ServeTests {
    static let summaryPath = "/api/v2/accounts/1/summary_reports/channel"
    static let since = Fixture.range.since, until = Fixture.range.until

    static func query(since: Int64 = since, until: Int64 = until) -> String { "?since=\(since)&until=\(until)" }

    static func errorBody(_ description: String, field: String, message: String, code: String) -> String {
        "{\"description\":\"\(description)\",\"errors\":[{\"field\":\"\(field)\",\"message\":\"\(message)\",\"code\":\"\(code)\"}]}"
    }

    @Test func aReportForAnAdministratorIsTheFilesReport() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let expected = try await fixture.expectedJSON()
        #expect(expected.count > 20, "the fixture should have conversations in the range")
        try await ServerHarness.withServer(databasePath: fixture.path) { base in
            for header in ["api_access_token", "Api-Access-Token"] {
                let answer = try await fetch(base + Self.summaryPath + Self.query(), headers: [(header, fixture.administrator)])
                #expect(answer.status == 200)
                #expect(answer.body == expected)
                #expect(answer.contentType == "application/json")
            }
        }
    }

    @Test func theSixMonthLimitIsTheSpecsToTheSecond() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await ServerHarness.withServer(databasePath: fixture.path) { base in
            let start = Self.until - DateRange.maximumSeconds
            let exact = try await fetch(base + Self.summaryPath + Self.query(since: start),
                                        headers: [("api_access_token", fixture.administrator)])
            #expect(exact.status == 200)
            let tooLong = try await fetch(base + Self.summaryPath + Self.query(since: start - 1),
                                          headers: [("api_access_token", fixture.administrator)])
            #expect(tooLong.status == 400)
            #expect(tooLong.body == "{\"description\":\"Date range exceeds 6 months limit\",\"errors\":[{\"field\":\"until\","
                    + "\"message\":\"Date range cannot exceed 6 months\",\"code\":\"date_range_too_long\"}]}")
        }
    }

    @Test func badOrMissingBoundsNameTheFieldAndTheProblem() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await ServerHarness.withServer(databasePath: fixture.path) { base in
            let cases: [(String, String)] = [
                ("?until=\(Self.until)", Self.errorBody("Invalid date range", field: "since",
                                                       message: "since is missing", code: "missing_parameter")),
                ("?since=\(Self.since)", Self.errorBody("Invalid date range", field: "until",
                                                       message: "until is missing", code: "missing_parameter")),
                ("?since=abc&until=\(Self.until)", Self.errorBody(
                    "Invalid date range", field: "since",
                    message: "since \\\"abc\\\" is not a date: use Unix seconds, YYYY-MM-DD or an ISO 8601 date-time",
                    code: "invalid_date")),
                (Self.query(since: Self.until, until: Self.until), Self.errorBody(
                    "Invalid date range", field: "until", message: "until must be after since", code: "invalid_date_range")),
                (Self.query(since: Self.until, until: Self.since), Self.errorBody(
                    "Invalid date range", field: "until", message: "until must be after since", code: "invalid_date_range")),
            ]
            for (query, body) in cases {
                let answer = try await fetch(base + Self.summaryPath + query, headers: [("api_access_token", fixture.administrator)])
                #expect(answer.status == 400, "\(query)")
                #expect(answer.body == body, "\(query)")
                #expect(answer.contentType == "application/json; charset=utf-8")
            }
        }
    }

    @Test func datesAreReadInUTC() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await ServerHarness.withServer(databasePath: fixture.path) { base in
            // 2025-12-02 to 2025-12-31 as dates: the 30 days before 2026-01-01, as whole UTC days.
            let answer = try await fetch(base + Self.summaryPath + "?since=2025-12-02&until=2025-12-31",
                                         headers: [("api_access_token", fixture.administrator)])
            #expect(answer.status == 200)
            #expect(answer.body == (try await fixture.expectedJSON()))
        }
    }

    @Test func tokensAreCheckedBeforeAccountsAndAccessBeforeTheRange() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let missingToken = Self.errorBody("Invalid Access Token", field: "api_access_token",
                                          message: "An api_access_token header is required", code: "missing_token")
        let unknownToken = Self.errorBody("Invalid Access Token", field: "api_access_token",
                                          message: "The access token is not valid", code: "invalid_token")
        let notAdmin = Self.errorBody("Access denied", field: "account_id",
                                      message: "You are not authorized to do this action", code: "not_an_administrator")
        let notMember = Self.errorBody("Access denied", field: "account_id",
                                       message: "You are not authorized to access this account", code: "not_a_member")
        let bot = Self.errorBody("Access denied", field: "api_access_token",
                                 message: "Agent bot tokens cannot read reports", code: "bot_token")
        let noAccount = Self.errorBody("Resource could not be found", field: "account_id",
                                       message: "There is no account 99", code: "account_not_found")
        let badRange = "?since=\(Self.until)&until=\(Self.since)"
        let cases: [(path: String, headers: [(String, String)], status: Int, body: String)] = [
            (Self.summaryPath + Self.query(), [], 401, missingToken),
            (Self.summaryPath + Self.query(), [("api_access_token", "  ")], 401, missingToken),
            (Self.summaryPath + Self.query(), [("api_access_token", "not-a-token")], 401, unknownToken),
            (Self.summaryPath + Self.query(), [("Api-Access-Token", "not-a-token")], 401, unknownToken),
            // An anonymous caller learns nothing about which accounts exist.
            ("/api/v2/accounts/99/summary_reports/channel" + Self.query(), [], 401, missingToken),
            (Self.summaryPath + Self.query(), [("api_access_token", fixture.agent)], 403, notAdmin),
            (Self.summaryPath + Self.query(), [("api_access_token", fixture.token(account: 2, role: "administrator"))],
             403, notMember),
            (Self.summaryPath + Self.query(), [("api_access_token", fixture.bot)], 403, bot),
            // Permission before the range, as Chatwoot does.
            (Self.summaryPath + badRange, [("api_access_token", fixture.agent)], 403, notAdmin),
            ("/api/v2/accounts/99/summary_reports/channel" + Self.query(), [("api_access_token", fixture.administrator)],
             404, noAccount),
            ("/api/v2/accounts/99/summary_reports/channel" + badRange, [("api_access_token", fixture.agent)], 404, noAccount),
            ("/api/v2/accounts/x1/summary_reports/channel" + Self.query(), [("api_access_token", fixture.administrator)],
             404, Self.errorBody("Resource could not be found", field: "account_id",
                                 message: "There is no account x1", code: "account_not_found")),
        ]
        try await ServerHarness.withServer(databasePath: fixture.path) { base in
            for (path, headers, status, body) in cases {
                let answer = try await fetch(base + path, headers: headers)
                #expect(answer.status == status, "\(path) \(headers.map(\.0))")
                #expect(answer.body == body, "\(path) \(headers.map(\.0))")
            }
        }
    }

    @Test func unknownPathsAndOtherMethodsGetJSON() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await ServerHarness.withServer(databasePath: fixture.path) { base in
            let missing = try await fetch(base + "/api/v1/nothing?api_access_token=secret")
            #expect(missing.status == 404)
            #expect(missing.body == Self.errorBody("Not found", field: "path", message: "There is nothing at /api/v1/nothing",
                                                   code: "route_not_found"))
            for method in ["POST", "DELETE", "PUT"] {
                let refused = try await fetch(base + Self.summaryPath + Self.query(), method: method,
                                              headers: [("api_access_token", fixture.administrator)])
                #expect(refused.status == 405, "\(method)")
                #expect(refused.allow == "GET, HEAD")
                #expect(refused.body == Self.errorBody("Method not allowed", field: "method",
                                                       message: "\(method) is not allowed here: use GET",
                                                       code: "method_not_allowed"))
            }
            let health = try await fetch(base + "/health")
            #expect(health.status == 200)
            #expect(health.body == "{\"status\":\"ok\"}")
            #expect(try await fetch(base + "/health", method: "POST").status == 405)
        }
    }

    @Test func oneLogLinePerRequestAndNeverAToken() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let log = LogCollector()
        try await ServerHarness.withServer(databasePath: fixture.path, log: log) { base in
            _ = try await fetch(base + Self.summaryPath + Self.query(), headers: [("api_access_token", fixture.administrator)])
            _ = try await fetch(base + Self.summaryPath + Self.query(), headers: [("Api-Access-Token", fixture.agent)])
            _ = try await fetch(base + Self.summaryPath + Self.query(), headers: [("api_access_token", "wrong-token-123")])
            _ = try await fetch(base + "/nowhere?api_access_token=\(fixture.bot)")
        }
        let requestLines = log.lines.filter { $0.contains(" ms") }
        #expect(requestLines.count == 4)
        #expect(requestLines.first?.hasPrefix("GET /api/v2/accounts/1/summary_reports/channel 200 ") == true)
        #expect(requestLines.last?.hasPrefix("GET /nowhere 404 ") == true)
        for line in log.lines {
            for token in fixture.allTokens + ["wrong-token-123"] {
                #expect(!line.contains(token), "a log line holds a token: \(line)")
            }
        }
    }

    @Test func theCacheLastsOnlyUntilAnotherConnectionWrites() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await ServerHarness.withServer(databasePath: fixture.path) { base in
            let url = base + Self.summaryPath + Self.query()
            let headers = [("api_access_token", fixture.administrator)]
            let before = try await fetch(url, headers: headers).body
            #expect(try await fetch(url, headers: headers).body == before)

            let writer = try DatabaseQueue(path: fixture.path)
            try await writer.write { db in
                let inbox = try Int64.fetchOne(db, sql: "SELECT id FROM inboxes WHERE account_id = 1 ORDER BY id LIMIT 1")!
                for _ in 0..<7 {
                    try db.execute(sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, ?, 3, ?)",
                                   arguments: [inbox, Self.since + 100])
                }
            }
            try writer.close()
            let after = try await fetch(url, headers: headers).body
            #expect(after != before)
            #expect(after == (try await fixture.expectedJSON()))
        }
    }

    @Test func aLockedFileGetsA503AndTheServerRecovers() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await ServerHarness.withServer(databasePath: fixture.path) { base in
            let url = base + Self.summaryPath + Self.query()
            let headers = [("api_access_token", fixture.administrator)]
            let writer = try DatabaseQueue(path: fixture.path)
            // An exclusive transaction held longer than the server's busy timeout (2 s).
            let locked = try await writer.writeWithoutTransaction { db -> Answer in
                try db.execute(sql: "BEGIN EXCLUSIVE")
                defer { try? db.execute(sql: "ROLLBACK") }
                return try blockingFetch(url, headers: headers)
            }
            #expect(locked.status == 503)
            // Generic: the file's name and SQLite's words are for serve's log, not for the caller.
            #expect(locked.body == Self.errorBody("Service unavailable", field: "database",
                                                  message: "The database cannot answer right now; try again in a moment",
                                                  code: "database_unavailable"))
            try writer.close()
            let recovered = try await fetch(url, headers: headers)
            #expect(recovered.status == 200)
        }
    }

    @Test func aPortInUseIsOneSentence() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let path = fixture.path
        try await ServerHarness.withServer(databasePath: path) { base in
            let port = Int(base.split(separator: ":").last!)!
            let error = await #expect(throws: SourceError.self) {
                try await ReportServer.run(store: try ReportDatabase(path: path), host: "127.0.0.1", port: port,
                                           logger: Logger(label: "second") { _ in LogCollector() }, onListening: { _ in })
            }
            #expect(error == SourceError(.unavailable, "cannot listen on 127.0.0.1:\(port): another program uses that "
                                         + "port; choose another with --port"))
        }
    }

    @Test func aClientThatGoesAwayOrSendsGarbageDoesNotStopTheServer() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await ServerHarness.withServer(databasePath: fixture.path) { base in
            let port = Int(base.split(separator: ":").last!)!
            try RawClient.sendAndClose(port: port, "GET /health HTTP/1.1\r\nHost: x\r\n")
            try RawClient.sendAndClose(port: port, "\u{1}\u{2}NOT HTTP AT ALL\r\n\r\n")
            try RawClient.sendAndClose(port: port, "GET " + Self.summaryPath + Self.query()
                                       + " HTTP/1.1\r\nHost: x\r\napi_access_token: \(fixture.administrator)\r\n\r\n")
            let health = try await fetch(base + "/health")
            #expect(health.status == 200)
        }
    }
}

/// A fetch from a thread of its own, for the one test that must wait while holding a database lock.
func blockingFetch(_ url: String, headers: [(String, String)]) throws -> Answer {
    let box = ResultBox()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        box.result = await Result(catching: { try await fetch(url, headers: headers) })
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

private final class ResultBox: @unchecked Sendable {
    var result: Result<Answer, any Error>?
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
