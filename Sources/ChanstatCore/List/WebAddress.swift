import Foundation

/// Chatwoot's web address (`--web-url`, a profile's `web_url`, or the `--url` of the HTTP source), from which each
/// listed conversation gets its address: `{web}/app/accounts/{account}/conversations/{display_id}`.
public struct WebAddress: Equatable, Sendable {
    /// http or https, a host, any path; without trailing slashes (so none is doubled) and never with a user or
    /// password (every address is printed).
    public let base: String

    /// The reason `text` is not a web address, as the end of a sentence that starts with its name
    /// ("--web-url must be …").
    public struct Problem: Error, Equatable, Sendable {
        public let reason: String
    }

    public init(_ text: String) throws(Problem) {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty else {
            throw Problem(reason: "must be an http:// or https:// address, such as https://chat.example.com")
        }
        guard components.user == nil, components.password == nil else {
            throw Problem(reason: "must not hold a user or password: every conversation's address is printed")
        }
        guard components.query == nil, components.fragment == nil else {
            throw Problem(reason: "must be Chatwoot's base address, without ? or #")
        }
        var base = text
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    /// The address of a conversation in Chatwoot's web app.
    public func conversation(account: Int64, displayID: Int64) -> String {
        "\(base)/app/accounts/\(account)/conversations/\(displayID)"
    }
}
