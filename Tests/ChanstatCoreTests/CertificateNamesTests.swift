import ChanstatCore
import Testing

/// The one rule for "does this certificate name this host" (SPEC 14), as a table: DNS entries for names only,
/// IP entries for IP literals only (IPv4 and IPv6, by inet_pton), wildcards as curl allows them, no case, no
/// trailing dot.
struct CertificateNamesTests {
    static let loopbackV4: [UInt8] = [127, 0, 0, 1]
    static let loopbackV6: [UInt8] = Array(repeating: 0, count: 15) + [1]
    /// The certificate of issue 18: a foreign DNS name and the loopback addresses.
    static let foreign = CertificateNames([.dns("db.example.test"), .ipAddress(loopbackV4), .ipAddress(loopbackV6)])

    @Test(arguments: [
        // A host name never matches an IP entry, even one that is the address it resolves to.
        ("localhost", false), ("LOCALHOST.", false), ("127.example.com", false),
        // The DNS entry, whatever the case and a trailing dot.
        ("db.example.test", true), ("DB.Example.TEST", true), ("db.example.test.", true),
        ("other.example.test", false), ("example.test", false), ("x.db.example.test", false),
        // IP literals match IP entries only, as bytes: every spelling of the same address.
        ("127.0.0.1", true), ("127.0.0.2", false), ("::1", true), ("[::1]", true), ("0:0:0:0:0:0:0:1", true),
        ("::2", false), ("::ffff:127.0.0.1", false),
        // inet_pton, not a prefix: "127.1" is no IPv4 literal for it, so it is a name, and no DNS entry has it.
        ("127.1", false), ("", false),
    ])
    func theForeignCertificate(host: String, named: Bool) {
        #expect(Self.foreign.matches(host: host) == named, "\(host)")
    }

    @Test func anIPLiteralNeverMatchesADNSEntryThatSpellsIt() {
        let spelled = CertificateNames([.dns("127.0.0.1"), .dns("::1")])
        #expect(!spelled.matches(host: "127.0.0.1"))
        #expect(!spelled.matches(host: "::1"))
    }

    @Test(arguments: [
        ("*.example.com", "chat.example.com", true), ("*.EXAMPLE.com.", "Chat.example.com", true),
        ("*.example.com", "example.com", false),        // one label, not none
        ("*.example.com", "a.chat.example.com", false), // one label, not two
        ("*.example.com", ".example.com", false),       // not an empty one
        ("*.com", "example.com", false),                // at least two labels after the wildcard
        ("c*.example.com", "chat.example.com", false),  // only a whole leftmost label
        ("chat.*.com", "chat.example.com", false),
        ("*.*.example.com", "a.b.example.com", false),
        ("*.example.com", "127.0.0.1", false),
    ])
    func wildcards(pattern: String, host: String, named: Bool) {
        #expect(CertificateNames([.dns(pattern)]).matches(host: host) == named, "\(pattern) for \(host)")
    }

    /// X.509's GeneralName tags: 2 a DNS name, 7 an IP address; anything else (an e-mail, 1) names no host.
    @Test func fromGeneralNames() {
        let names = CertificateNames(generalNames: [(1, Array("db.example.test".utf8)), (2, Array("db.example.test".utf8)),
                                                    (7, Self.loopbackV4), (7, [1, 2, 3])])
        #expect(names == CertificateNames([.dns("db.example.test"), .ipAddress(Self.loopbackV4)]))
    }
}

/// "Loopback" is decided from the address (SPEC 14): 127.0.0.0/8, ::1, localhost and names under .localhost.
struct HostAddressTests {
    @Test(arguments: [
        ("127.0.0.1", true), ("127.255.0.9", true), ("::1", true), ("[::1]", true), ("0:0:0:0:0:0:0:1", true),
        ("localhost", true), ("LocalHost.", true), ("chat.localhost", true),
        ("127.example.com", false), ("127.0.0.1.example.com", false), ("127.1", false), ("localhost.example.com", false),
        ("mylocalhost", false), ("128.0.0.1", false), ("::2", false), ("10.0.0.1", false), ("example.com", false),
    ])
    func loopback(host: String, isLoopback: Bool) {
        #expect(HostAddress(host).isLoopback == isLoopback, "\(host)")
    }

    @Test func ipLiteralsAreDecidedByInetPton() {
        #expect(HostAddress("127.0.0.1") == .ipv4([127, 0, 0, 1]))
        #expect(HostAddress("[::1]") == .ipv6(Array(repeating: 0, count: 15) + [1]))
        #expect(HostAddress("127.example.com") == .name("127.example.com"))
        #expect(HostAddress("Chat.Example.com.") == .name("chat.example.com"))
    }
}
