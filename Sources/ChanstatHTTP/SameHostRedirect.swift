import ChanstatCore
import Foundation

/// Which redirects the API source follows. The token goes with every request, so a redirect is followed only
/// where the token may go (curl's rule since CVE-2022-27776): the same scheme, host and port as the request (a
/// reverse proxy moving Chatwoot under a path), or the same host from http on port 80 to https on port 443 (a
/// proxy upgrading http). Anything else — another host, another port (an upgrade to https included: another
/// port may be another program), https down to plain http, a user name in the address — is refused with a
/// sentence naming the new address, and nothing is sent there.
struct SameHostRedirect {
    /// A chain longer than this is a loop or a misconfiguration; real proxies redirect once.
    static let maximumHops = 3
    static let statuses: Set<Int> = [301, 302, 303, 307, 308]

    let endpoint: ChatwootEndpoint

    /// The address to request next, or nil when `status` is not a redirect that could be followed (the answer
    /// is then interpreted as it is). Throws when the redirect goes where the token must not.
    func next(status: Int, location: String?, from requested: String) throws(SourceError) -> String? {
        guard Self.statuses.contains(status) else { return nil }
        let server = endpoint.label
        guard let location, !location.isEmpty, let current = URL(string: requested),
              let target = URL(string: location, relativeTo: current)?.absoluteURL,
              let scheme = target.scheme?.lowercased(), let host = target.host else {
            throw SourceError(.refused, "\(server) redirected the request (HTTP \(status)) without a usable address")
        }
        let shown = TerminalSafeText.sanitize(location, maxCharacters: 100)
        guard target.user == nil, target.password == nil else {
            throw refusal(server, shown, because: "an address with a user name")
        }
        guard Self.sameHost(host, current.host ?? "") else {
            throw refusal(server, shown, because: "another host")
        }
        let currentScheme = current.scheme?.lowercased() ?? ""
        let ports = (Self.port(of: current), Self.port(of: target))
        switch (currentScheme, scheme) {
        case ("https", "http"):
            throw refusal(server, shown, because: "plain http, which would send the token unencrypted")
        case ("http", "https") where ports == (80, 443):
            return target.absoluteString
        case _ where scheme == currentScheme && ports.0 == ports.1:
            return target.absoluteString
        default:
            throw refusal(server, shown, because: "another port on that host")
        }
    }

    func tooManyHops() -> SourceError {
        SourceError(.refused, "\(endpoint.label) redirected the request more than \(Self.maximumHops) times: "
                    + "use the final address as --url")
    }

    private func refusal(_ server: String, _ target: String, because place: String) -> SourceError {
        SourceError(.refused, "\(server) redirected the request to \(target), \(place): not followed, so the token "
                    + "stays with --url's host; use that address as --url if you trust it")
    }

    /// Host names compare without case; IPv6 literals come without brackets from `URL.host`.
    private static func sameHost(_ one: String, _ other: String) -> Bool {
        one.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
            == other.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
    }

    private static func port(of url: URL) -> Int {
        url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
    }
}
