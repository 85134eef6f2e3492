import ChanstatCore
import Foundation

/// What a Chatwoot server's answer means (docs/http.md): the report, or one sentence that says what
/// went wrong and what to do, with the server's own message where it sent one (sanitized, shortened).
struct ChatwootAnswer {
    let endpoint: ChatwootEndpoint
    let accountID: Int64

    /// `retryAfter` is the answer's `Retry-After`, read at `now`; it counts for 429 and 503 only.
    func interpret(status: Int, contentType: String?, location: String?, body: Data,
                   retryAfter: RetryAfter? = nil, now: Date = Date()) throws(SourceError) -> ChannelSummary {
        try interpret(ChatwootRequest.summary, status: status, contentType: contentType, location: location, body: body,
                      retryAfter: retryAfter, now: now)
    }

    /// The answer to any of the source's requests: `request` says what it asked for and how to read a 200.
    func interpret<T>(_ request: ChatwootRequest<T>, status: Int, contentType: String?, location: String?, body: Data,
                      retryAfter: RetryAfter? = nil, now: Date = Date()) throws(SourceError) -> T {
        let server = endpoint.label
        let message = Self.serverMessage(body)
        let quoted = message.map { " (the server says: \($0))" } ?? ""
        switch status {
        case 200:
            if Self.looksLikeHTML(contentType: contentType, body: body) {
                throw SourceError(.badData, "\(server) answered with a web page, not a report: check that --url is "
                                  + "the Chatwoot address itself, not a login page or a proxy")
            }
            do {
                return try request.decode(body)
            } catch {
                throw SourceError(.badData, "\(server) answered with something that is not \(request.what): "
                                  + error.reason)
            }
        case 400, 422:
            throw SourceError(.range, "\(server) refused the range: \(message ?? "it gave no reason")")
        case 401, 403:
            // Chatwoot says 401 for both a bad token and a missing permission; the wording tells them apart.
            if status == 403 || (message ?? "").localizedCaseInsensitiveContains("authorized") {
                throw SourceError(.refused, "\(server) does not let this token read the reports of account "
                                  + "\(accountID)\(quoted): use the token of an administrator of that account")
            }
            throw SourceError(.refused, "\(server) did not accept the access token\(quoted): check "
                              + "$\(APIToken.environmentVariable) or the --token-file")
        case 404:
            // Chatwoot's "no such account" is a JSON refusal saying "Resource could not be found" (serve says it
            // too, as its description); anything else (an HTML page, a routing error such as serve's "There is
            // nothing at /chatwoot/api/…", which names an account only as part of the path) means nothing answers
            // at this path: a wrong path prefix in --url, or a Chatwoot older than 4.10.
            if Self.saysResourceNotFound(body) {
                throw SourceError(.refused, "\(server) has no account \(accountID)\(quoted): check --account")
            }
            let path = TerminalSafeText.sanitize(endpoint.basePath + request.path(accountID), maxCharacters: 160)
            if !endpoint.basePath.isEmpty {
                throw SourceError(.refused, "nothing answers at \(path) on \(server) (HTTP 404): check the path "
                                  + "\(TerminalSafeText.sanitize(endpoint.basePath, maxCharacters: 80)) in --url")
            }
            throw SourceError(.refused, "nothing answers at \(path) on \(server) (HTTP 404): it is probably older "
                              + "than Chatwoot \(request.since), or --url is not the Chatwoot address")
        case 300..<400:
            // The redirects that can be followed never get here (SameHostRedirect); these are the others
            // (300 Multiple Choices, 304, 305 Use Proxy).
            let target = location.map { " to \(TerminalSafeText.sanitize($0, maxCharacters: 100))" } ?? ""
            throw SourceError(.refused, "\(server) answered HTTP \(status)\(target) instead of a report: "
                              + "check that --url is the Chatwoot address")
        case 429, 503:
            let what = status == 429 ? "is limiting the rate of requests" : "is unavailable"
            guard let retryAfter else {
                throw SourceError(.unavailable, "\(server) \(what) (HTTP \(status))\(quoted); try again later")
            }
            throw SourceError(.unavailable, "\(server) \(what) (HTTP \(status))\(quoted) and asks to wait "
                              + "\(retryAfter.described); try again after that",
                              retryNotBefore: retryAfter.notBefore(now: now))
        case 502, 504:
            throw SourceError(.unavailable, "\(server) is unavailable (HTTP \(status))\(quoted); try again later")
        case 500..<600:
            throw SourceError(.unavailable, "\(server) failed with an internal error (HTTP \(status))\(quoted); "
                              + "check the server's logs")
        default:
            throw SourceError(.badData, "\(server) answered HTTP \(status)\(quoted), which is not an answer to a "
                              + "report request")
        }
    }

    /// Whether a retry may help: the gateway and availability answers of a server under load or restarting,
    /// unless it said how long to wait (`Retry-After`), which the dashboard's timer then honours instead.
    static func isRetryable(status: Int, retryAfter: RetryAfter?) -> Bool {
        [502, 503, 504].contains(status) && retryAfter == nil
    }

    /// The server's own words, from any of the shapes seen: `{"error":…}`, `{"message":…}`,
    /// `{"errors":["…"]}`, and `serve`'s `{"description":…,"errors":[{"message":…}]}`.
    static func serverMessage(_ body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        var text: String?
        if let error = object["error"] as? String {
            text = error
        } else if let message = object["message"] as? String {
            text = message
        } else if let errors = object["errors"] as? [Any], let first = errors.first {
            text = (first as? String) ?? ((first as? [String: Any])?["message"] as? String)
        }
        if text == nil { text = object["description"] as? String }
        guard let text, !text.isEmpty else { return nil }
        return TerminalSafeText.sanitize(text, maxCharacters: 150)
    }

    /// Chatwoot's 404 for a missing record, in any of the fields `serverMessage` reads.
    static func saysResourceNotFound(_ body: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return false }
        let texts = [object["error"], object["message"], object["description"]].compactMap { $0 as? String }
        return texts.contains { $0.localizedCaseInsensitiveContains("could not be found") }
    }

    static func looksLikeHTML(contentType: String?, body: Data) -> Bool {
        if let contentType, contentType.lowercased().contains("html") { return true }
        let start = body.prefix(64).drop(while: { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) })
        return start.first == UInt8(ascii: "<")
    }
}

/// One kind of request the HTTP source makes (docs/http.md): its path under the account, what a person calls its
/// answer, the Chatwoot version that has it, and how a 200's body is read.
struct ChatwootRequest<T>: Sendable {
    let path: @Sendable (_ accountID: Int64) -> String
    /// "a channel summary": what the answer should have been, in a sentence.
    let what: String
    /// The first Chatwoot version with the endpoint, for a 404.
    let since: String
    let decode: @Sendable (Data) throws(ReportJSON.DecodingFailure) -> T
}

extension ChatwootRequest where T == ChannelSummary {
    static var summary: ChatwootRequest<ChannelSummary> {
        ChatwootRequest<ChannelSummary>(path: { "/api/v2/accounts/\($0)/summary_reports/channel" },
                                        what: "a channel summary", since: "4.10") { data throws(ReportJSON.DecodingFailure) in
            try ReportJSON.decode(data)
        }
    }
}
