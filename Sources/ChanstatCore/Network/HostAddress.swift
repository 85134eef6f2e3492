import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The host of an address, as the security rules need it: an IP literal (decided by `inet_pton`, as curl and
/// libpq decide it, never by how the text begins) or a host name. `http://127.example.com` names a host;
/// `http://127.0.0.1` and `http://[::1]` are addresses.
public enum HostAddress: Equatable, Sendable {
    /// 4 bytes, network order.
    case ipv4([UInt8])
    /// 16 bytes, network order.
    case ipv6([UInt8])
    /// Lower case, without a trailing dot (`Example.COM.` and `example.com` are one name).
    case name(String)

    /// `text` as it appears in a URL's host or a connection string: an IPv6 literal may keep its brackets.
    public init(_ text: String) {
        let bare = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        if let bytes = Self.bytes(of: bare, family: AF_INET, count: 4) {
            self = .ipv4(bytes)
        } else if let bytes = Self.bytes(of: bare, family: AF_INET6, count: 16) {
            self = .ipv6(bytes)
        } else {
            var name = text.lowercased()
            if name.hasSuffix(".") { name.removeLast() }
            self = .name(name)
        }
    }

    public var isIPLiteral: Bool {
        if case .name = self { return false }
        return true
    }

    /// This machine, decided from the address (SPEC 14): 127.0.0.0/8, ::1, `localhost` or a name under
    /// `.localhost` (RFC 6761 reserves it for loopback). A name that merely starts with "127." is a name.
    public var isLoopback: Bool {
        switch self {
        case .ipv4(let bytes): return bytes[0] == 127
        case .ipv6(let bytes): return bytes == Array(repeating: 0, count: 15) + [1]
        case .name(let name): return name == "localhost" || name.hasSuffix(".localhost")
        }
    }

    /// The bytes of an IP address entry of a certificate (4 or 16 of them), nil for a name.
    var ipBytes: [UInt8]? {
        switch self {
        case .ipv4(let bytes), .ipv6(let bytes): return bytes
        case .name: return nil
        }
    }

    private static func bytes(of text: String, family: Int32, count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let parsed = text.withCString { inet_pton(family, $0, &buffer) }
        return parsed == 1 ? Array(buffer.prefix(count)) : nil
    }
}
