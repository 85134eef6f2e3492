import AsyncHTTPClient
import Foundation

/// `HTTPS_PROXY` / `HTTP_PROXY` and `NO_PROXY`, read the way curl reads them (lower case wins, as it does
/// there). AsyncHTTPClient does not read the environment itself. This machine is never proxied.
enum ProxyEnvironment {
    static func proxy(for endpoint: ChatwootEndpoint, environment: [String: String]) -> HTTPClient.Configuration.Proxy? {
        guard !endpoint.isLoopback, !bypasses(host: endpoint.host, environment: environment) else { return nil }
        let names = endpoint.scheme == "https" ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy", "HTTP_PROXY"]
        guard let text = names.lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else { return nil }
        return parse(text)
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

    /// `http://[user:password@]host[:port]` or bare `host:port`; an unusable value means no proxy.
    static func parse(_ text: String) -> HTTPClient.Configuration.Proxy? {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else {
            return nil
        }
        switch components.scheme?.lowercased() {
        case "socks5", "socks5h":
            return .socksServer(host: host, port: components.port ?? 1080)
        case "http", "https":
            let authorization = components.user.map {
                HTTPClient.Authorization.basic(username: $0.removingPercentEncoding ?? $0,
                                               password: (components.password ?? "").removingPercentEncoding ?? "")
            }
            return .server(host: host, port: components.port ?? 80, authorization: authorization)
        default:
            return nil
        }
    }
}
