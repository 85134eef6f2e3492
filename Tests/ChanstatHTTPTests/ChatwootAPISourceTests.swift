import ChanstatCore
import ChanstatHTTP
import ChanstatSQLite
import ChanstatTestSupport
import Foundation
import Testing

/// The Chatwoot API source against docs/http.md's answers and against servers that misbehave on purpose.
@Suite struct ChatwootAPISourceTests {
    static let token = "secret-token-never-shown"

    static var fastLimits: ChatwootAPISource.Limits {
        var limits = ChatwootAPISource.Limits()
        limits.connectTimeout = .seconds(1)
        // The deadline covers the whole report, the retry included: on a loaded two-core machine 1 s was
        // not enough for a refused connection, the retry and its answer, and with every suite starting its
        // servers at once 10 s was not either. Tests about the deadline set their own.
        limits.requestTimeout = .seconds(30)
        limits.retryDelay = .milliseconds(50)
        return limits
    }

    /// The product's limits but for the deadline, for tests that are not about time: in CI's library phase a first
    /// answer from an in-process serve took over the product's 15 s while every suite was starting.
    static var unhurriedLimits: ChatwootAPISource.Limits {
        var limits = ChatwootAPISource.Limits()
        limits.requestTimeout = .seconds(60)
        return limits
    }

    static func source(port: Int, account: Int64 = 1, token: String = token, scheme: String = "http",
                       limits: ChatwootAPISource.Limits = fastLimits) throws -> ChatwootAPISource {
        try ChatwootAPISource(endpoint: try ChatwootEndpoint("\(scheme)://127.0.0.1:\(port)"), accountID: account,
                          token: try APIToken(token), limits: limits, environment: [:])
    }

    /// The error a scripted answer produces, and how many connections the client made for it.
    static func failure(_ behaviour: ScriptedServer.Behaviour, limits: ChatwootAPISource.Limits = fastLimits)
        async throws -> (SourceError, label: String, connections: Int) {
        let server = try ScriptedServer(behaviour)
        defer { server.stop() }
        let error = await #expect(throws: SourceError.self) {
            _ = try await source(port: server.port, limits: limits).summary(for: Fixture.range)
        }
        let failure = try #require(error)
        #expect(!failure.message.contains(token), "the token leaked into: \(failure.message)")
        #expect(!failure.message.contains("\n"))
        return (failure, "http://127.0.0.1:\(server.port)", server.connectionCount)
    }

    @Test(arguments: [
        #"{"error":"Date range cannot exceed 6 months"}"#,
        #"{"message":"Date range cannot exceed 6 months"}"#,
    ])
    func a422IsARangeRefusalInTheServersWords(body: String) async throws {
        for status in [422, 400] {
            let (error, label, connections) = try await Self.failure(ScriptedServer.answer(status, body))
            #expect(error == SourceError(.range, "\(label) refused the range: Date range cannot exceed 6 months"))
            #expect(connections == 1)
        }
    }

    @Test func eachRefusalOfTheTokenSaysWhatToDo() async throws {
        let badToken: [(String, String)] = [
            (#"{"errors":["You need to sign in or sign up before continuing."]}"#, "You need to sign in or sign up before continuing."),
            (#"{"error":"Invalid Access Token"}"#, "Invalid Access Token"),
        ]
        for (body, said) in badToken {
            let (error, label, _) = try await Self.failure(ScriptedServer.answer(401, body))
            #expect(error == SourceError(.refused, "\(label) did not accept the access token (the server says: \(said)): "
                                         + "check $CHATWOOT_API_TOKEN or the --token-file"))
        }
        let noPermission: [(Int, String, String)] = [
            (401, #"{"error":"You are not authorized to do this action"}"#, "You are not authorized to do this action"),
            (401, #"{"error":"You are not authorized to access this account"}"#, "You are not authorized to access this account"),
            (403, #"{"error":"Access denied"}"#, "Access denied"),
        ]
        for (status, body, said) in noPermission {
            let (error, label, _) = try await Self.failure(ScriptedServer.answer(status, body))
            #expect(error == SourceError(.refused, "\(label) does not let this token read the reports of account 1 "
                                         + "(the server says: \(said)): use the token of an administrator of that account"))
        }
    }

    @Test func a404IsAMissingAccountOrAnOlderChatwoot() async throws {
        let (account, label1, _) = try await Self.failure(ScriptedServer.answer(404, #"{"error":"Resource could not be found"}"#))
        #expect(account == SourceError(.refused, "\(label1) has no account 1 (the server says: Resource could not be found): check --account"))
        let (older, label2, _) = try await Self.failure(
            ScriptedServer.answer(404, "<html><body>The page you were looking for doesn't exist.</body></html>", contentType: "text/html"))
        #expect(older == SourceError(.refused, "nothing answers at /api/v2/accounts/1/summary_reports/channel on \(label2) "
                                     + "(HTTP 404): it is probably older than Chatwoot 4.10, or --url is not the Chatwoot address"))
    }

    @Test func serverFailuresAreUnavailableAndGatewayErrorsAreRetriedOnce() async throws {
        let (serverError, label1, once) = try await Self.failure(
            ScriptedServer.answer(500, "<html>We're sorry, but something went wrong.</html>", contentType: "text/html"))
        #expect(serverError == SourceError(.unavailable, "\(label1) failed with an internal error (HTTP 500); check the server's logs"))
        #expect(once == 1)
        let (gateway, label2, twice) = try await Self.failure(ScriptedServer.answer(503, #"{"error":"maintenance"}"#))
        #expect(gateway == SourceError(.unavailable, "\(label2) is unavailable (HTTP 503) (the server says: maintenance); try again later"))
        #expect(twice == 2)
    }

    @Test func bodiesThatAreNotAReportSaySo() async throws {
        let cases: [(ScriptedServer.Behaviour, String)] = [
            (ScriptedServer.answer(200, "<!DOCTYPE html><html><title>Sign in</title></html>", contentType: "text/html"),
             "answered with a web page, not a report: check that --url is the Chatwoot address itself, not a login page or a proxy"),
            (ScriptedServer.answer(200, "\n<html>", contentType: "application/json"),
             "answered with a web page, not a report: check that --url is the Chatwoot address itself, not a login page or a proxy"),
            (ScriptedServer.answer(200, #"{"Channel::Email":{"open":1,"reso"#),
             "answered with something that is not a channel summary: the body is not valid JSON"),
            (ScriptedServer.answer(200, #"{"Channel::Email":{"open":-1,"resolved":0,"pending":0,"snoozed":0,"total":-1}}"#),
             "answered with something that is not a channel summary: the counts for \"Channel::Email\" are negative or too large"),
            (ScriptedServer.answer(200, #"{"Channel::Email":{"open":1.5,"resolved":0,"pending":0,"snoozed":0,"total":1.5}}"#),
             "answered with something that is not a channel summary: a count in the body is not a whole number"),
            (ScriptedServer.answer(200, #"{"Channel::Email":{"open":"3","resolved":0,"pending":0,"snoozed":0,"total":3}}"#),
             "answered with something that is not a channel summary: \"Channel::Email.open\" is not a whole number"),
        ]
        for (behaviour, sentence) in cases {
            let (error, label, _) = try await Self.failure(behaviour)
            #expect(error == SourceError(.badData, "\(label) \(sentence)"))
        }
    }

    @Test func aBodyFarTooLargeIsCutOff() async throws {
        let huge = "{\"x\":\"" + String(repeating: "a", count: 3 << 20) + "\"}"
        let (error, label, _) = try await Self.failure(ScriptedServer.answer(200, huge))
        #expect(error == SourceError(.badData, "\(label) sent more than 1024 KiB, far more than a channel summary; "
                                     + "check that --url is the Chatwoot address"))
    }

    @Test func aTruncatedTransferIsRetriedThenReported() async throws {
        let (error, label, connections) = try await Self.failure(
            ScriptedServer.answer(200, #"{"Channel::Email":"#, contentLength: 200))
        #expect(error == SourceError(.unavailable, "\(label) closed the connection before the answer was complete; try again"))
        #expect(connections == 2)
    }

    @Test func aStallTimesOut() async throws {
        var limits = Self.fastLimits
        limits.requestTimeout = .seconds(1)
        let (error, label, connections) = try await Self.failure(.stall, limits: limits)
        #expect(error == SourceError(.unavailable, "\(label) did not answer within 1 second; check that it is up, or try again later"))
        #expect(connections == 1)
    }

    @Test func aResetIsRetriedThenReported() async throws {
        let (error, label, connections) = try await Self.failure(.reset)
        #expect(error == SourceError(.unavailable, "the connection to \(label) was reset before the answer was complete; try again"))
        #expect(connections == 2)
    }

    @Test func nobodyListeningIsConnectionRefused() async throws {
        let reserved = try ReservedPort()
        let port = reserved.port
        let error = await #expect(throws: SourceError.self) {
            _ = try await Self.source(port: port).summary(for: Fixture.range)
        }
        #expect(error == SourceError(.unavailable, "cannot connect to http://127.0.0.1:\(port): connection refused; is the server running?"))
        withExtendedLifetime(reserved) {}
    }

    @Test func againstServeItGivesTheFilesReportAndServesRefusals() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let expected = try await SQLiteReportSource(path: fixture.path, accountID: 1).summary(for: Fixture.range)
        let administrator = fixture.administrator, agent = fixture.agent
        try await ServerHarness.withServer(databasePath: fixture.path) { base in
            let port = Int(base.split(separator: ":").last!)!
            let summary = try await Self.source(port: port, token: administrator, limits: Self.unhurriedLimits).summary(for: Fixture.range)
            #expect(summary == expected)
            let refused = await #expect(throws: SourceError.self) {
                _ = try await Self.source(port: port, token: agent, limits: Self.unhurriedLimits).summary(for: Fixture.range)
            }
            #expect(refused == SourceError(.refused, "\(base) does not let this token read the reports of account 1 "
                                           + "(the server says: You are not authorized to do this action): "
                                           + "use the token of an administrator of that account"))
            let missing = await #expect(throws: SourceError.self) {
                _ = try await Self.source(port: port, account: 99, token: administrator, limits: Self.unhurriedLimits).summary(for: Fixture.range)
            }
            #expect(missing == SourceError(.refused, "\(base) has no account 99 (the server says: There is no account 99): check --account"))
        }
    }

    /// Day by day, Chatwoot's API is asked once per day by channel (an inbox view's days are its channel's): a
    /// breakdown but channel gets the range view's sentence, a range of more than 31 days the limit's, both before
    /// anything is sent (nothing listens on the port: a request would be a connection error instead).
    @Test func theDaysAreRefusedByBreakdownAndByLengthBeforeAnyRequest() async throws {
        let reserved = try ReservedPort()
        defer { withExtendedLifetime(reserved) {} }
        let source = try Self.source(port: reserved.port)
        let utc = LocalCalendar.utc
        let month = try DateRange(since: Fixture.range.until - 31 * 86_400, until: Fixture.range.until)
        let longer = try DateRange(since: month.since - 86_400, until: month.until)
        #expect(source.dailyRefusal(for: ReportRequest(range: month), calendar: utc) == nil)
        #expect(source.dailyRefusal(for: ReportRequest(range: month, breakdown: .inbox), calendar: utc) == nil)
        #expect(source.dailyRefusal(for: ReportRequest(range: longer), calendar: utc)?.message
                == "day by day, this source is asked once per day, so at most 31 days at a time (this range has 32): "
                + "choose a shorter range, or read the database (--db postgres://…), which answers any range in one query")
        let team = SourceError(.refused, "Chatwoot's API has no status split by team for a range; read the database "
                               + "(--db postgres://… or --db FILE) for --by team")
        #expect(source.dailyRefusal(for: ReportRequest(range: month, breakdown: .team), calendar: utc) == team)
        await #expect(throws: team) {
            _ = try await source.dailyReport(for: ReportRequest(range: month, breakdown: .team), calendar: utc,
                                             progress: { _ in })
        }
        // The dashboard's load: the request's own breakdown is refused first, with the same sentence.
        await #expect(throws: team) {
            _ = try await source.load(ReportRequest(range: month, breakdown: .team), calendar: utc, now: month.until,
                                      days: true)
        }
    }
}
