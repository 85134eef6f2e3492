import ChanstatCore
@testable import ChanstatHTTP
import Testing

/// Where a redirect may take the token: the decision alone, for the cases a plain loopback server cannot
/// stage (https, other host names, user names in the address). HostileServerTests follows real redirects.
struct SameHostRedirectTests {
    static let endpoint = try! ChatwootEndpoint("https://chat.example.com")
    static let policy = SameHostRedirect(endpoint: endpoint)
    static let requested = "https://chat.example.com/api/v2/accounts/1/summary_reports/channel?since=1&until=2"

    @Test(arguments: [
        ("/chatwoot/api/v2/x", "https://chat.example.com/chatwoot/api/v2/x"),
        ("https://CHAT.example.com:443/x", "https://CHAT.example.com:443/x"),
        ("x?y=1", "https://chat.example.com/api/v2/accounts/1/summary_reports/x?y=1"),
    ])
    func theSameOriginIsFollowed(location: String, expected: String) throws {
        #expect(try Self.policy.next(status: 301, location: location, from: Self.requested) == expected)
    }

    /// curl's rule: the upgrade to https is followed from port 80 to 443 only.
    @Test func anUpgradeToHTTPSIsFollowedFrom80To443Only() throws {
        let plain = try ChatwootEndpoint("http://localhost")
        #expect(try SameHostRedirect(endpoint: plain).next(status: 308, location: "https://localhost/api",
                                                            from: "http://localhost/api") == "https://localhost/api")
        #expect(try SameHostRedirect(endpoint: plain).next(status: 301, location: "https://localhost:443/api",
                                                            from: "http://localhost:80/api") == "https://localhost:443/api")
        for (from, location) in [("http://localhost:3000/api", "https://localhost:8443/api"),
                                 ("http://localhost:3000/api", "https://localhost/api"),
                                 ("http://localhost/api", "https://localhost:8443/api")] {
            #expect(throws: SourceError.self, "\(from) → \(location)") {
                _ = try SameHostRedirect(endpoint: plain).next(status: 308, location: location, from: from)
            }
        }
    }

    @Test(arguments: [
        ("http://chat.example.com/x", "plain http, which would send the token unencrypted"),
        ("https://evil.example.net/x", "another host"),
        ("//evil.example.net/x", "another host"),
        ("https://chat.example.com.evil.net/x", "another host"),
        ("https://chat.example.com:8443/x", "another port on that host"),
        ("https://user@chat.example.com/x", "an address with a user name"),
    ])
    func elsewhereIsRefused(location: String, place: String) {
        let error = #expect(throws: SourceError.self) {
            _ = try Self.policy.next(status: 302, location: location, from: Self.requested)
        }
        #expect(error == SourceError(.refused, "https://chat.example.com redirected the request to \(location), \(place): "
                                     + "not followed, so the token stays with --url's host; use that address as --url if you trust it"))
    }

    @Test func aRedirectWithoutAnAddressIsRefused() {
        for location in [nil, ""] as [String?] {
            #expect(throws: SourceError(.refused, "https://chat.example.com redirected the request (HTTP 307) without a usable address")) {
                _ = try Self.policy.next(status: 307, location: location, from: Self.requested)
            }
        }
    }

    /// 300, 304 and 305 are not redirects to follow: the answer is interpreted (and refused) as it is.
    @Test(arguments: [200, 300, 304, 305, 404])
    func otherStatusesAreNotRedirects(status: Int) throws {
        #expect(try Self.policy.next(status: status, location: "/elsewhere", from: Self.requested) == nil)
    }
}
