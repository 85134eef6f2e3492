/// The subject alternative names of a server's certificate, and the one rule for "is this certificate for the
/// host we asked for" (SPEC 14, "TLS means the name"), used by both TLS clients (the API source's `--url`,
/// PostgreSQL's `sslmode=verify-full`) after the TLS library has verified the chain.
///
/// The rule is curl's and libpq's (RFC 6125): a host name is matched against DNS entries only, an IP literal
/// against IP entries only. The TLS library's own check also accepts an IP entry equal to the address it
/// connected to, so a certificate for `IP:127.0.0.1` would pass for any name that resolves there; this rule
/// never looks at the connected address. The subject's common name is not consulted.
public struct CertificateNames: Equatable, Sendable {
    public enum Entry: Equatable, Sendable {
        /// A `DNS:` entry, as written in the certificate (`*.example.com` allowed).
        case dns(String)
        /// An `IP:` entry: 4 bytes for IPv4, 16 for IPv6.
        case ipAddress([UInt8])
    }

    public let entries: [Entry]

    public init(_ entries: [Entry]) {
        self.entries = entries
    }

    /// From the certificate's GeneralNames as X.509 tags them (RFC 5280; BoringSSL's `GEN_*` use the same
    /// numbers): 2 is a dNSName (ASCII text), 7 an iPAddress (4 or 16 bytes). E-mail, URI and other entries
    /// name no host and are left out.
    public init(generalNames: [(tag: Int, contents: [UInt8])]) {
        self.init(generalNames.compactMap { name in
            switch name.tag {
            case 2: return .dns(String(decoding: name.contents, as: UTF8.self))
            case 7 where [4, 16].contains(name.contents.count): return .ipAddress(name.contents)
            default: return nil
            }
        })
    }

    /// Whether the certificate names `host` (a URL's or connection string's host, brackets allowed around IPv6).
    public func matches(host: String) -> Bool {
        switch HostAddress(host) {
        case .name(let name):
            return !name.isEmpty && entries.contains { entry in
                if case .dns(let pattern) = entry { return Self.dnsPattern(pattern, matches: name) }
                return false
            }
        case let address:
            return entries.contains { $0 == .ipAddress(address.ipBytes ?? []) }
        }
    }

    /// `pattern` from a DNS entry against a lower-case host name without a trailing dot. A wildcard is only the
    /// whole leftmost label (`*.example.com`), stands for exactly one non-empty label, and needs at least two
    /// labels after it (no `*.com`), as curl allows.
    static func dnsPattern(_ pattern: String, matches name: String) -> Bool {
        var pattern = pattern.lowercased()
        if pattern.hasSuffix(".") { pattern.removeLast() }
        guard pattern.hasPrefix("*.") else { return !pattern.isEmpty && pattern == name }
        let parent = pattern.dropFirst(2)
        guard parent.contains("."), !parent.contains("*"), let dot = name.firstIndex(of: ".") else { return false }
        return dot != name.startIndex && name[name.index(after: dot)...] == parent
    }
}
