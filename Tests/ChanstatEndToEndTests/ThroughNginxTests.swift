import ChanstatTestSupport
import Foundation
import Testing

/// `report --url` through a real nginx with the stock proxy settings in front of `serve`, plain and TLS. nginx
/// drops header names with `_` (`underscores_in_headers off`), so these fail with a 401 if the client sends the
/// token as `api_access_token`; over TLS, nginx's certificate comes from a CA made for the test, which only
/// `--ca-file` (or `$SSL_CERT_FILE`) makes trusted.
/// Serialized, as the other suites that wait for child processes: waiting blocks a thread of Swift's small
/// cooperative pool, which the in-process tests need.
@Suite(.serialized, .enabled(if: NginxProxy.isAvailable, "nginx is not installed (scripts/setup installs nginx-light)"))
struct ThroughNginxTests {
    /// `serve` on the fixture file, and the report of week A as JSON straight from the file.
    final class Backend {
        let served: ServedFixture
        let expected: String
        var fixture: DashboardFixture { served.fixture }
        var serve: ServeProcess { served.serve }

        init() throws {
            served = try ServedFixture()
            let direct = try ChanstatBinary.run(["report", "--db", served.fixture.path] + ThroughNginxTests.weekA)
            #expect(direct.status == 0, "\(direct.stderr)")
            expected = direct.stdout
        }
    }

    static let weekA = ServedFixture.weekA + ["--format", "json"]
    static let token = ServedFixture.token

    @Test func theReportPassesAStockNginx() throws {
        let backend = try Backend()
        let nginx = try NginxProxy(upstreamPort: backend.serve.port)
        defer { nginx.stop() }
        let run = try ChanstatBinary.run(["report", "--url", nginx.url] + Self.weekA, environment: Self.token)
        #expect(run.status == 0, "\(run.stderr)\nnginx:\n\(nginx.log)")
        #expect(run.stdout == backend.expected)
        #expect(run.stdout.contains("Channel::WebWidget"))
    }

    @Test(.enabled(if: TestCertificates.isAvailable, "needs the openssl CLI"))
    func overTLSTheCompanyCAIsTrustedWithCAFileOrSSLCertFile() throws {
        let backend = try Backend()
        let certificates = try TestCertificates(directory: backend.fixture.directory.appendingPathComponent("ca"))
        let nginx = try NginxProxy(upstreamPort: backend.serve.port,
                                   tls: try certificates.serverCertificate(forHost: "localhost"))
        defer { nginx.stop() }
        let url = "https://localhost:\(nginx.port)"

        let trusted = try ChanstatBinary.run(["report", "--url", url, "--ca-file", certificates.caFile] + Self.weekA,
                                             environment: Self.token)
        #expect(trusted.status == 0, "\(trusted.stderr)\nnginx:\n\(nginx.log)")
        #expect(trusted.stdout == backend.expected)

        // $SSL_CERT_FILE, as OpenSSL and curl read it: the bundle to trust in place of the system's.
        let fromEnvironment = try ChanstatBinary.run(["report", "--url", url] + Self.weekA,
                                                     environment: Self.token.merging(["SSL_CERT_FILE": certificates.caFile]) { $1 })
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        #expect(fromEnvironment.stdout == backend.expected)

        // Without it: one sentence that says why and names --ca-file.
        let untrusted = try ChanstatBinary.run(["report", "--url", url] + Self.weekA, environment: Self.token)
        #expect(untrusted.status == 1)
        #expect(untrusted.stderrLines == [Substring("chanstat: the certificate of \(url) is not signed by a certificate "
                                                    + "authority this machine trusts: give the authority that signed it "
                                                    + "(a PEM file) with --ca-file FILE")])

        // Another CA's bundle does not help, and the sentence says the --ca-file was tried.
        let other = try TestCertificates(directory: backend.fixture.directory.appendingPathComponent("other-ca"))
        let wrongCA = try ChanstatBinary.run(["report", "--url", url, "--ca-file", other.caFile] + Self.weekA,
                                             environment: Self.token)
        #expect(wrongCA.status == 1)
        #expect(wrongCA.stderrLines == [Substring("chanstat: the certificate of \(url) is not signed by a certificate "
                                                  + "authority this machine or the --ca-file trusts: give the authority "
                                                  + "that signed it (a PEM file) with --ca-file FILE")])

        // A file that is no PEM bundle is refused before anything is sent.
        let notPEM = backend.fixture.directory.appendingPathComponent("not-a-bundle.txt")
        try Data("hello\n".utf8).write(to: notPEM)
        let unusable = try ChanstatBinary.run(["report", "--url", url, "--ca-file", notPEM.path] + Self.weekA,
                                              environment: Self.token)
        #expect(unusable.status == 1)
        #expect(unusable.stderrLines == [Substring("chanstat: cannot use the CA bundle \(notPEM.path) (--ca-file): it holds "
                                                   + "no PEM certificate (-----BEGIN CERTIFICATE-----)")])
    }

    /// The CA is right but the certificate names another host: that sentence, not the untrusted one.
    @Test(.enabled(if: TestCertificates.isAvailable, "needs the openssl CLI"))
    func aTrustedCertificateForAnotherNameSaysSo() throws {
        let backend = try Backend()
        let certificates = try TestCertificates(directory: backend.fixture.directory.appendingPathComponent("ca"))
        let nginx = try NginxProxy(upstreamPort: backend.serve.port,
                                   tls: try certificates.serverCertificate(forHost: "chat.example.com"))
        defer { nginx.stop() }
        let url = "https://localhost:\(nginx.port)"
        let run = try ChanstatBinary.run(["report", "--url", url, "--ca-file", certificates.caFile] + Self.weekA,
                                         environment: Self.token)
        #expect(run.status == 1)
        #expect(run.stderrLines == [Substring("chanstat: the certificate of \(url) is for another host name: use the name "
                                              + "it was issued for in --url")])
    }
}
