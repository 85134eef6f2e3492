import ChanstatCore
@testable import ChanstatHTTP
import ChanstatTestSupport
import Foundation
import Testing

/// SPEC 14: a redirect keeps scheme, host and port, or the token is not sent (curl since CVE-2022-27776); http
/// to https on the same host only from port 80 to 443. The https side is `openssl s_server` as a recorder: it
/// prints every request it is sent, so the test sees whether the token arrived.
@Suite(.enabled(if: TLSTestServer.isAvailable, "needs the openssl CLI (scripts/setup installs it)"),
       .timeLimit(.minutes(1)))
struct RedirectTokenTests {
    typealias Base = ChatwootAPISourceTests
    static let path = "/api/v2/accounts/1/summary_reports/channel"

    /// The recorder answers nothing: a followed redirect ends at the deadline, so keep it short.
    static var limits: ChatwootAPISource.Limits {
        var limits = Base.fastLimits
        limits.requestTimeout = .seconds(3)
        return limits
    }

    /// A TLS recorder on `address:port`, with a certificate for that IP address from a CA the source trusts.
    static func recorder(on address: String = "127.0.0.1", port: Int = 0,
                         in scratch: Scratch) throws -> (TLSTestServer, CertificateTrust) {
        let ca = try TestCertificates(directory: scratch.url.appendingPathComponent("ca"))
        let certificate = try ca.serverCertificate(names: ["IP:\(address)"], commonName: address)
        let server = try TLSTestServer(certificate: certificate.certFile, key: certificate.keyFile, address: address,
                                       port: port, www: false)
        return (server, try CertificateTrust(caFile: ca.caFile, environment: [:]))
    }

    static func source(_ url: String, trust: CertificateTrust) throws -> ChatwootAPISource {
        try ChatwootAPISource(endpoint: try ChatwootEndpoint(url), accountID: 1, token: try APIToken(Base.token),
                              limits: limits, environment: [:], trust: trust)
    }

    /// http on one port to https on another port of the same host: another port may be another program.
    @Test func anUpgradeToAnotherPortIsNotFollowed() async throws {
        let scratch = try Scratch()
        let (secure, trust) = try Self.recorder(in: scratch)
        defer { secure.stop() }
        let target = "https://127.0.0.1:\(secure.port)\(Self.path)"
        let server = try ScriptedServer(ScriptedServer.answer(308, "", extraHeaders: "Location: \(target)\r\n"))
        defer { server.stop() }
        let error = await #expect(throws: SourceError.self) {
            _ = try await Self.source("http://127.0.0.1:\(server.port)", trust: trust).summary(for: Fixture.range)
        }
        #expect(error == SourceError(.refused, "http://127.0.0.1:\(server.port) redirected the request to \(target), "
                                     + "another port on that host: not followed, so the token stays with --url's host; "
                                     + "use that address as --url if you trust it"))
        #expect(server.requestHeads.first?.contains("Api-Access-Token: \(Base.token)") == true)
        #expect(!secure.received.contains(Base.token))
    }

    /// Another host name for the same machine, and another port: the first server gets the token, the second
    /// nothing at all.
    @Test func anotherHostOrPortGetsNothing() async throws {
        let elsewhere = try ScriptedServer(ScriptedServer.answer(200, "{}"))
        defer { elsewhere.stop() }
        let server = try ScriptedServer(ScriptedServer.answer(302, ""))
        defer { server.stop() }
        for target in ["http://localhost:\(server.port)\(Self.path)", "http://127.0.0.1:\(elsewhere.port)\(Self.path)"] {
            let redirecting = try ScriptedServer(ScriptedServer.answer(302, "", extraHeaders: "Location: \(target)\r\n"))
            defer { redirecting.stop() }
            await #expect(throws: SourceError.self) {
                _ = try await Self.source("http://127.0.0.1:\(redirecting.port)", trust: .system).summary(for: Fixture.range)
            }
            #expect(redirecting.connectionCount == 1)
        }
        #expect(elsewhere.connectionCount == 0)
        #expect(server.connectionCount == 0)
    }

    /// From port 80 to 443 on the same host the upgrade is followed and the token goes along, over TLS. Ports
    /// below 1024 need root; a random 127.x.y.z address keeps clear of anything else listening on 80 or 443.
    @Test(.enabled(if: getuid() == 0, "binding ports 80 and 443 needs root"))
    func fromPort80To443TheTokenFollows() async throws {
        let address = "127.\(Int.random(in: 1...254)).\(Int.random(in: 1...254)).\(Int.random(in: 1...254))"
        let scratch = try Scratch()
        let (secure, trust) = try Self.recorder(on: address, port: 443, in: scratch)
        defer { secure.stop() }
        let server = try ScriptedServer(ScriptedServer.answer(301, "", extraHeaders: "Location: https://\(address)\(Self.path)\r\n"),
                                        address: address, port: 80)
        defer { server.stop() }
        await #expect(throws: SourceError.self) {
            _ = try await Self.source("http://\(address)", trust: trust).summary(for: Fixture.range)
        }
        #expect(secure.received.contains("Api-Access-Token: \(Base.token)"))
    }
}
