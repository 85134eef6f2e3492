import ChanstatTestSupport
import Foundation
import Testing

/// A fake PostgreSQL server (the one thing here that cannot be real: a server that lies on purpose) against the
/// real binary: a length field of 2 GB during the login or after it, a message type that libpq keeps short sent
/// long, bytes in clear after agreeing to TLS, and silence after a completed login. Each ends with a sentence,
/// soon, without chanstat holding what the server streams.
@Suite(.enabled(if: ChanstatBinary.isBuilt, "needs a built chanstat"), .timeLimit(.minutes(5)))
struct ForgedServerTests {
    static let arguments = ["--account", "1", "--since", "2026-11-01", "--until", "2026-11-08"]

    func report(_ server: ForgedPostgresServer, sslmode: String = "disable", extra: [String] = []) throws -> MeasuredRun {
        try MeasuredRun.chanstat(["report", "--db", "postgres://guest@127.0.0.1:\(server.port)/chatwoot?sslmode=\(sslmode)"]
                                 + Self.arguments + extra, limit: .seconds(60))
    }

    /// What every refusal has in common: exit 1 with the sentence, not killed, and neither the client's memory
    /// nor what it accepted from the stream anywhere near the forged size.
    func expectRefused(_ run: MeasuredRun, _ server: ForgedPostgresServer, saying sentence: String) {
        #expect(!run.killed, "chanstat was still waiting after 60 s")
        #expect(run.status == 1)
        #expect(run.stderr.contains(sentence), "\(run.stderr)")
        #expect(run.elapsed < .seconds(30))
        #expect(server.streamed < 64 << 20, "chanstat took \(server.streamed) bytes of the forged message")
        #expect(run.peakResidentKiB < 512 << 10, "chanstat grew to \(run.peakResidentKiB) KiB")
    }

    @Test(arguments: ["disable", "prefer"])
    func anOversizedAuthenticationRequest(sslmode: String) throws {
        let server = try ForgedPostgresServer(.oversizedDuringLogin)
        defer { server.stop() }
        expectRefused(try report(server, sslmode: sslmode), server, saying: "PostgreSQL at 127.0.0.1:\(server.port) sent a "
                      + "message (type 'R') of 2147483632 bytes during the login, where libpq accepts at most 2000; "
                      + "chanstat closed the connection")
    }

    @Test func anOversizedDataRowAfterTheLogin() throws {
        let server = try ForgedPostgresServer(.oversizedAfterLogin(type: "D", length: 0x7FFF_FFF0))
        defer { server.stop() }
        expectRefused(try report(server), server, saying: "sent a message (type 'D') of 2147483632 bytes, where libpq "
                      + "accepts at most 1073741824")
    }

    /// CommandComplete is never long: libpq's 30,000 bytes, not a data row's gigabyte.
    @Test func aShortTypeSentLong() throws {
        let server = try ForgedPostgresServer(.oversizedAfterLogin(type: "C", length: 40 << 20))
        defer { server.stop() }
        expectRefused(try report(server), server, saying: "sent a message (type 'C') of 41943040 bytes, where libpq "
                      + "accepts at most 30000")
    }

    @Test func clearTextAfterAgreeingToTLS() throws {
        let server = try ForgedPostgresServer(.clearTextAfterAgreeingToTLS)
        defer { server.stop() }
        let run = try report(server, sslmode: "require")
        #expect(run.status == 1)
        #expect(run.stderr.contains("agreed to TLS and then sent data in clear"), "\(run.stderr)")
    }

    /// The server logs chanstat in and then never answers: the deadline (statement timeout 1 s + 5 s) ends the
    /// wait with its sentence, within the deadline and a margin, and the process exits.
    @Test func silenceAfterTheLogin() throws {
        let server = try ForgedPostgresServer(.silentAfterLogin)
        defer { server.stop() }
        let run = try report(server, extra: ["--statement-timeout", "1"])
        #expect(!run.killed, "chanstat was still waiting after 60 s")
        #expect(run.status == 1)
        #expect(run.stderr.contains("PostgreSQL at 127.0.0.1:\(server.port) stopped answering (nothing for 6 s)"), "\(run.stderr)")
        #expect(run.elapsed < .seconds(6 + 20))
    }
}
