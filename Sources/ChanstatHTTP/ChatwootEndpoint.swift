import ChanstatCore
import Foundation

/// The `--url` of a Chatwoot server, checked before anything is sent: http or https, a host, no user
/// or password in it (the token has its own channels), and plain http only to this machine unless
/// `--insecure-http` says so, because the token would cross the network in clear text. Each of these is the
/// person's own words, so bad usage (exit 2), not a failing source.
public struct ChatwootEndpoint: Sendable, Equatable {
    public let scheme: String
    public let host: String
    public let port: Int?
    /// The base path with no trailing slash: "" or e.g. "/chatwoot" behind a reverse proxy.
    public let basePath: String

    public init(_ text: String, insecureHTTP: Bool = false) throws(SourceError) {
        let shown = TerminalSafeText.sanitize(text, maxCharacters: 80)
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = components.host, !host.isEmpty else {
            throw SourceError(.usage, "--url \(shown) is not an http:// or https:// address")
        }
        guard components.user == nil, components.password == nil else {
            throw SourceError(.usage, "--url must not contain a user or password: "
                              + "give the token in $CHATWOOT_API_TOKEN or --token-file")
        }
        guard components.query == nil, components.fragment == nil else {
            throw SourceError(.usage, "--url \(shown) has a query or fragment: give only the server's base address")
        }
        self.scheme = scheme
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        self.basePath = path
        if scheme == "http", !insecureHTTP, !isLoopback {
            throw SourceError(.usage, "--url \(shown) is plain http to another machine, which would send the token "
                              + "unencrypted: use https://, or --insecure-http if you accept that")
        }
    }

    /// The scheme, host and port of an absolute URL this source requested (a redirect's target), so that a
    /// failure there names the address that failed; nil if it cannot be read as one.
    static func origin(of url: String) -> ChatwootEndpoint? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else {
            return nil
        }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return try? ChatwootEndpoint("\(scheme)://\(bracketed)" + (components.port.map { ":\($0)" } ?? ""), insecureHTTP: true)
    }

    /// The same host over https (its default port), for choosing the proxy after an http→https redirect;
    /// nil when this is https already.
    var upgradedToHTTPS: ChatwootEndpoint? {
        guard scheme == "http" else { return nil }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return try? ChatwootEndpoint("https://\(bracketed)")
    }

    /// This machine (`HostAddress.isLoopback`: 127.0.0.0/8, ::1, `localhost`, `*.localhost`). Plain http is fine
    /// there and no proxy is used.
    public var isLoopback: Bool { HostAddress(host).isLoopback }

    /// What errors and headers show: scheme, host and port, never a path or query.
    public var label: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(TerminalSafeText.sanitize(bracketed, maxCharacters: 80))" + (port.map { ":\($0)" } ?? "")
    }

    /// The label with the base path: what the source is called, so that a `--url` behind a path prefix is shown
    /// as it was given (the prefix is the person's own, and is where a wrong one shows).
    public var address: String {
        label + TerminalSafeText.sanitize(basePath, maxCharacters: 80)
    }

    /// Chatwoot's path (docs/http.md).
    public func summaryURL(accountID: Int64, range: DateRange) -> String {
        accountURL("/api/v2/accounts/\(accountID)/summary_reports/channel?since=\(range.since)&until=\(range.until)")
    }

    /// The address of `path` (with its query) on this server, under the base path.
    func accountURL(_ path: String) -> String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(bracketed)" + (port.map { ":\($0)" } ?? "") + basePath + path
    }
}
