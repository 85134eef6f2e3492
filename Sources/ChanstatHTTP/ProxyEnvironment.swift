import AsyncHTTPClient
import ChanstatCore
import Foundation

/// `HTTPS_PROXY` / `HTTP_PROXY` and `NO_PROXY`, read the way curl reads them (lower case wins, as it does
/// there). AsyncHTTPClient does not read the environment itself. This machine is never proxied.
enum ProxyEnvironment {
    /// The proxy chosen, and where it came from, so that a failure on the way names the proxy, not the server.
    struct Setting: Sendable {
        let proxy: HTTPClient.Configuration.Proxy
        /// The variable it was read from, e.g. `HTTPS_PROXY` (as spelled in the environment).
        let variable: String
        /// Scheme, host and port, never the user or password it may carry.
        let label: String

        /// "the proxy http://proxy.internal:3128 (from $HTTPS_PROXY)"
        var named: String { "the proxy \(label) (from $\(variable))" }
    }

    /// A value that is not a proxy address is refused with a sentence (bad usage): ignoring it would send the
    /// request straight out, which on a network that needs the proxy fails somewhere else, blamed on the server.
    static func proxy(for endpoint: ChatwootEndpoint, environment: [String: String]) throws(SourceError) -> Setting? {
        guard !endpoint.isLoopback, !bypasses(host: endpoint.host, environment: environment) else { return nil }
        let names = endpoint.scheme == "https" ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy", "HTTP_PROXY"]
        guard let variable = names.first(where: { !(environment[$0] ?? "").isEmpty }),
              let text = environment[variable] else { return nil }
        guard let parsed = parse(text) else {
            throw SourceError(.usage, "$\(variable) \"\(TerminalSafeText.sanitize(withoutUser(text), maxCharacters: 60))\" "
                              + "is not a proxy address: give it as http://HOST:PORT (or socks5://HOST:PORT), or unset it")
        }
        return Setting(proxy: parsed.proxy, variable: variable, label: parsed.label)
    }

    /// `NO_PROXY`: `*`, or host names and domain suffixes separated by commas (`.example.com` and
    /// `example.com` both cover `chat.example.com`); a `:port` on an entry is ignored.
    static func bypasses(host: String, environment: [String: String]) -> Bool {
        guard let list = environment["no_proxy"] ?? environment["NO_PROXY"] else { return false }
        let name = host.lowercased()
        for rawEntry in list.split(separator: ",") {
            var entry = rawEntry.trimmingCharacters(in: .whitespaces).lowercased()
            if entry == "*" { return true }
            if let colon = entry.lastIndex(of: ":"), !entry.contains("]"), entry.filter({ $0 == ":" }).count == 1 {
                entry = String(entry[..<colon])
            }
            while entry.hasPrefix(".") { entry.removeFirst() }
            guard !entry.isEmpty else { continue }
            if name == entry || name.hasSuffix("." + entry) { return true }
        }
        return false
    }

    /// A proxy value as an error may show it: a user and password before the last `@` become `…`, whatever else
    /// is wrong with the value (a password may hold `/` or `:`, so the last `@` is the only safe boundary).
    static func withoutUser(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        let start = text.range(of: "://").map(\.upperBound) ?? text.startIndex
        let kept = String(text[at...])
        return start <= at ? String(text[..<start]) + "…" + kept : "…" + kept
    }

    /// `http://[user:password@]host[:port]` or bare `host:port`; nil for a value that is not one.
    static func parse(_ text: String) -> (proxy: HTTPClient.Configuration.Proxy, label: String)? {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme.trimmingCharacters(in: .whitespaces)),
              let host = components.host, !host.isEmpty, let scheme = components.scheme?.lowercased() else {
            return nil
        }
        let label = { (port: Int) in "\(scheme)://\(TerminalSafeText.sanitize(host, maxCharacters: 80)):\(port)" }
        switch scheme {
        case "socks5", "socks5h":
            let port = components.port ?? 1080
            return (.socksServer(host: host, port: port), label(port))
        case "http", "https":
            let authorization = components.user.map {
                HTTPClient.Authorization.basic(username: $0.removingPercentEncoding ?? $0,
                                               password: (components.password ?? "").removingPercentEncoding ?? "")
            }
            let port = components.port ?? 80
            return (.server(host: host, port: port, authorization: authorization), label(port))
        default:
            return nil
        }
    }
}
