import ChanstatCore
import ChanstatHTTP
import Foundation
import Testing

/// The API source against servers that attack it (issue 5, item 3). Each case fails without its protection:
/// a hang (the time limit), a crash, a token sent elsewhere, or a report read from an ambiguous body.
@Suite(.timeLimit(.minutes(1))) struct HostileServerTests {
    typealias Base = ChatwootAPISourceTests
    static let report = #"{"Channel::Email":{"open":1,"resolved":2,"pending":0,"snoozed":0,"total":3}}"#
    static let notASummary = "answered with something that is not a channel summary"
    /// The shipped timeouts, for the cases that are not about time: `fastLimits` are too short for a
    /// 100 KB body on a loaded two-core machine, and the test would then see a timeout instead of its sentence.
    static let shippedLimits = ChatwootAPISource.Limits()

    /// One byte a second, from the first byte or after a prompt head: only the whole-request timeout ends it
    /// (each byte resets a read timeout), and it ends in one sentence, without a retry that would double the wait.
    @Test(arguments: [false, true])
    func aSlowDripIsEndedByTheRequestTimeout(headFirst: Bool) async throws {
        var limits = Base.fastLimits
        limits.requestTimeout = .seconds(3)
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(Self.report.utf8.count)\r\n\r\n"
        let drip = ScriptedServer.Behaviour.drip(Data((head + Self.report).utf8), immediately: headFirst ? head.utf8.count : 0,
                                                 interval: .seconds(1))
        let (error, label, connections) = try await Base.failure(drip, limits: limits)
        #expect(error == SourceError(.unavailable, "\(label) did not answer within 3 seconds; check that it is up, or try again later"))
        #expect(connections == 1)
    }

    static let path = "/api/v2/accounts/1/summary_reports/channel"

    static func redirect(_ status: Int, to location: String) -> ScriptedServer.Behaviour {
        ScriptedServer.answer(status, "", extraHeaders: "Location: \(location)\r\n")
    }

    /// Another host (a second listener on 127.0.0.2) and another port on the same host both record every
    /// request they get: neither gets one, and the sentence names the address that was refused.
    @Test(arguments: [301, 302, 303, 307, 308])
    func aRedirectElsewhereIsRefusedAndNothingIsSentThere(status: Int) async throws {
        let otherHost = try ScriptedServer(ScriptedServer.answer(200, Self.report), address: "127.0.0.2")
        let otherPort = try ScriptedServer(ScriptedServer.answer(200, Self.report))
        defer { otherHost.stop(); otherPort.stop() }
        for (target, place) in [("http://127.0.0.2:\(otherHost.port)\(Self.path)", "another host"),
                                ("http://127.0.0.1:\(otherPort.port)\(Self.path)", "another port on that host")] {
            let server = try ScriptedServer(Self.redirect(status, to: target))
            defer { server.stop() }
            let error = await #expect(throws: SourceError.self) {
                _ = try await Base.source(port: server.port).summary(for: Fixture.range)
            }
            #expect(error == SourceError(.refused, "http://127.0.0.1:\(server.port) redirected the request to \(target), "
                                         + "\(place): not followed, so the token stays with --url's host; use that "
                                         + "address as --url if you trust it"))
            // The recorder works: the first server did get the token, once.
            #expect(server.requestHeads.count == 1)
            #expect(server.requestHeads.first?.contains("Api-Access-Token: \(Base.token)") == true)
        }
        #expect(otherHost.connectionCount == 0)
        #expect(otherPort.connectionCount == 0)
    }

    /// A reverse proxy that moved Chatwoot under /chatwoot: the redirect is followed on the same host and port,
    /// with the token, and the report is the one found there.
    @Test(arguments: [301, 302, 303, 307, 308])
    func aRedirectOnTheSameHostIsFollowed(status: Int) async throws {
        let server = try ScriptedServer(.sequence([Self.redirect(status, to: "/chatwoot\(Self.path)?moved=1"),
                                                   ScriptedServer.answer(200, Self.report)]))
        defer { server.stop() }
        let summary = try await Base.source(port: server.port).summary(for: Fixture.range)
        #expect(summary == ChannelSummary(channels: ["Channel::Email": ChannelCounts(open: 1, resolved: 2, pending: 0, snoozed: 0)!]))
        let heads = server.requestHeads
        try #require(heads.count == 2)
        #expect(heads[1].hasPrefix("GET /chatwoot\(Self.path)?moved=1 HTTP/1.1\r\n"))
        #expect(heads[1].contains("Api-Access-Token: \(Base.token)"))
    }

    /// Three same-host redirects that take 1.5 s each, then the report: every hop is within a 2 s request
    /// timeout, all of them are not. One deadline for the whole report ends it after 2 s; with a deadline per
    /// hop (as before) the report came after 6 s.
    @Test func aChainOfSlowRedirectsIsBoundByOneDeadline() async throws {
        var limits = Base.fastLimits
        limits.requestTimeout = .seconds(2)
        let slowHop = ScriptedServer.Behaviour.after(.milliseconds(1500), Self.redirect(302, to: "\(Self.path)?hop"))
        let chain = ScriptedServer.Behaviour.sequence([slowHop, slowHop, slowHop,
                                                       .after(.milliseconds(1500), ScriptedServer.answer(200, Self.report))])
        let (error, label, _) = try await Base.failure(chain, limits: limits)
        #expect(error == SourceError(.unavailable, "\(label) did not answer within 2 seconds; check that it is up, or try again later"))
    }

    @Test func aRedirectLoopEndsAfterThreeHops() async throws {
        let (error, label, connections) = try await Base.failure(Self.redirect(302, to: "/again"))
        #expect(error == SourceError(.refused, "\(label) redirected the request more than 3 times: use the final address as --url"))
        #expect(connections == 4)
    }

    /// Decision: `text/html` means a web page whatever the body looks like (a login page or a proxy's answer
    /// is never read as counts); any other type is judged by the body, which is read strictly anyway.
    @Test func aWebPageTypeIsRefusedEvenWithAJSONBody() async throws {
        let (error, label, _) = try await Base.failure(ScriptedServer.answer(200, Self.report, contentType: "text/html"),
                                                   limits: Self.shippedLimits)
        #expect(error == SourceError(.badData, "\(label) answered with a web page, not a report: check that --url is "
                                     + "the Chatwoot address itself, not a login page or a proxy"))
        let server = try ScriptedServer(ScriptedServer.answer(200, Self.report, contentType: "text/plain"))
        defer { server.stop() }
        let summary = try await Base.source(port: server.port).summary(for: Fixture.range)
        #expect(summary == ChannelSummary(channels: ["Channel::Email": ChannelCounts(open: 1, resolved: 2, pending: 0, snoozed: 0)!]))
    }

    /// Decision: refused. Foundation's two JSON readers disagree on which duplicate wins, so no value is safe.
    @Test(arguments: [
        (#"{"Channel::Email":{"open":1,"resolved":0,"pending":0,"snoozed":0},"Channel::Email":{"open":9,"resolved":0,"pending":0,"snoozed":0}}"#,
         "Channel::Email"),
        (#"{"Channel::Email":{"open":1,"resolved":0,"pending":0,"snoozed":0,"open":9}}"#, "open"),
        (#"{"Channel::Email":{"open":1,"resolved":0,"pending":0,"snoozed":0},"Channel::\u0045mail":{"open":9,"resolved":0,"pending":0,"snoozed":0}}"#,
         "Channel::Email"),
    ])
    func duplicateKeysAreRefused(body: String, key: String) async throws {
        let (error, label, _) = try await Base.failure(ScriptedServer.answer(200, body), limits: Self.shippedLimits)
        #expect(error == SourceError(.badData, "\(label) \(Self.notASummary): \"\(key)\" appears twice in one object, "
                                     + "so the body has no single meaning"))
    }

    /// 100,000 open brackets, as a report and as an error body: Foundation's depth limit answers, no stack overflow.
    @Test(arguments: ["[", #"{"a":"#])
    func deeplyNestedJSONIsOneSentence(opening: String) async throws {
        let body = String(repeating: opening, count: 100_000)
        let (report, label1, _) = try await Base.failure(ScriptedServer.answer(200, body), limits: Self.shippedLimits)
        #expect(report == SourceError(.badData, "\(label1) \(Self.notASummary): the body is not valid JSON"))
        let (refusal, label2, _) = try await Base.failure(ScriptedServer.answer(422, body), limits: Self.shippedLimits)
        #expect(refusal == SourceError(.range, "\(label2) refused the range: it gave no reason"))
    }

    /// Self-signed (and for another host): refused as untrusted, with the --ca-file hint. A trusted certificate
    /// for another name has its own sentence (ThroughNginxTests.aTrustedCertificateForAnotherNameSaysSo).
    @Test(.enabled(if: TLSTestServer.isAvailable, "needs the openssl CLI (scripts/setup installs it)"))
    func aCertificateForAnotherHostIsRefused() async throws {
        let server = try TLSTestServer(certificateFor: "other.example")
        defer { server.stop() }
        let error = await #expect(throws: SourceError.self) {
            _ = try await Base.source(port: server.port, scheme: "https").summary(for: Fixture.range)
        }
        #expect(error == SourceError(.unavailable, "the certificate of https://127.0.0.1:\(server.port) is not signed by a "
                                     + "certificate authority this machine trusts: give the authority that signed it "
                                     + "(a PEM file) with --ca-file FILE"))
    }
}
