import ChanstatCore
import ChanstatTestSupport
import Foundation
import Testing

/// SPEC 14, "TLS means the name", for `--url https://…`: a certificate from a CA given with --ca-file that names
/// only `DNS:db.example.test` and an IP address is refused for `localhost`, even when localhost is that very
/// address (the TLS library alone accepts it), and accepted for the IP literal and for db.example.test. The
/// real binary runs with a private /etc/hosts, so `localhost` can be ::1 too.
@Suite(.enabled(if: TLSTestServer.isAvailable && ChanstatBinary.isBuilt && PrivateHosts.isAvailable,
                "needs openssl, a built chanstat and root (unshare)"),
       .timeLimit(.minutes(2)))
struct TLSNameTests {
    @Test(arguments: [("127.0.0.1", "127.0.0.1"), ("::1", "[::1]")])
    func anIPEntryDoesNotNameAHost(address: String, literal: String) throws {
        let scratch = try Scratch()
        let ca = try TestCertificates(directory: scratch.url.appendingPathComponent("ca"))
        let certificate = try ca.serverCertificate(names: ["DNS:db.example.test", "IP:\(address)"],
                                                   commonName: "db.example.test")
        let server = try TLSTestServer(certificate: certificate.certFile, key: certificate.keyFile,
                                       address: address.contains(":") ? "[\(address)]" : address)
        defer { server.stop() }
        let hosts = ["\(address) localhost", "\(address) db.example.test"]
        func report(_ host: String) throws -> ProcessResult {
            try PrivateHosts.runChanstat(["report", "--url", "https://\(host):\(server.port)", "--account", "1",
                                          "--ca-file", ca.caFile],
                                         hosts: hosts, environment: ["CHATWOOT_API_TOKEN": "name-test-token"], in: scratch.url)
        }

        let refused = try report("localhost")
        #expect(refused.status == 1)
        #expect(refused.stderr == "chanstat: the certificate of https://localhost:\(server.port) is for another host name: "
                + "use the name it was issued for in --url\n")
        // Accepted: the TLS connection is made and s_server's status page answers (not a report, but an answer).
        for host in [literal, "db.example.test"] {
            let accepted = try report(host)
            #expect(accepted.stderr.contains("answered with a web page, not a report"), "\(host): \(accepted.stderr)")
            #expect(!accepted.stderr.contains("certificate"), "\(host): \(accepted.stderr)")
        }
    }
}
