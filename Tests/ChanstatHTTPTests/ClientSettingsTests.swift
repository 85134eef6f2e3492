import ChanstatCore
@testable import ChanstatHTTP
import Foundation
import Testing

/// The checks made before anything is sent: the address, the token, the proxy.
@Suite struct ClientSettingsTests {
    @Test func plainHTTPIsOnlyForThisMachineUnlessAllowed() throws {
        #expect(throws: SourceError(.usage, "--url http://chat.example.com is plain http to another machine, which "
                                    + "would send the token unencrypted: use https://, or --insecure-http if you accept that")) {
            _ = try ChatwootEndpoint("http://chat.example.com")
        }
        #expect(try ChatwootEndpoint("http://chat.example.com", insecureHTTP: true).label == "http://chat.example.com")
        for loopback in ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"] {
            #expect(try ChatwootEndpoint(loopback).isLoopback, "\(loopback)")
        }
        #expect(try ChatwootEndpoint("https://chat.example.com/").isLoopback == false)
    }

    @Test func theSummaryURLIsChatwootsPathUnderTheBase() throws {
        let range = try DateRange(since: 100, until: 200)
        #expect(try ChatwootEndpoint("https://example.com/chatwoot/").summaryURL(accountID: 3, range: range)
                == "https://example.com/chatwoot/api/v2/accounts/3/summary_reports/channel?since=100&until=200")
    }

    @Test func addressesThatCannotBeUsedAreRefused() {
        for bad in ["chat.example.com", "ftp://chat.example.com", "https://", "https://user:pw@chat.example.com",
                    "https://chat.example.com/?x=1"] {
            #expect(throws: SourceError.self, "\(bad)") { _ = try ChatwootEndpoint(bad) }
        }
    }

    @Test func aTokenFileOthersCanReadIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("abc123\n".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o644)
        #expect(throws: SourceError(.refused, "the token file \(path) may be read by others (mode 644); run: chmod 600 \(path)")) {
            _ = try APIToken.load(tokenFile: path, environment: [:])
        }
        chmod(path, 0o600)
        #expect(try APIToken.load(tokenFile: path, environment: [:]) == APIToken("abc123"))
    }

    @Test func theTokenComesFromTheEnvironmentAndIsNeverPrinted() throws {
        let token = try APIToken.load(tokenFile: nil, environment: ["CHATWOOT_API_TOKEN": " abc123 "])
        #expect(token == (try APIToken("abc123")))
        #expect("\(token)" == "<access token>")
        #expect(throws: SourceError.self) { _ = try APIToken.load(tokenFile: nil, environment: [:]) }
        #expect(throws: SourceError.self) { _ = try APIToken("two\nlines") }
    }

    @Test func proxiesFollowTheEnvironmentAndNoProxy() throws {
        let endpoint = try ChatwootEndpoint("https://chat.example.com")
        let environment = ["HTTPS_PROXY": "http://proxy.internal:3128"]
        let proxy = try #require(try ProxyEnvironment.proxy(for: endpoint, environment: environment)?.proxy)
        #expect(proxy.host == "proxy.internal" && proxy.port == 3128)
        for noProxy in ["example.com", ".example.com", "other.org, chat.example.com:443", "*"] {
            var bypassed = environment
            bypassed["NO_PROXY"] = noProxy
            #expect(try ProxyEnvironment.proxy(for: endpoint, environment: bypassed) == nil, "\(noProxy)")
        }
        var unrelated = environment
        unrelated["NO_PROXY"] = "notexample.com"
        #expect(try ProxyEnvironment.proxy(for: endpoint, environment: unrelated) != nil)
        #expect(try ProxyEnvironment.proxy(for: try ChatwootEndpoint("http://127.0.0.1:3000"), environment: environment) == nil)
        // A value that is not an address is refused, not ignored (the request would go out unproxied).
        #expect(throws: SourceError.self) {
            try ProxyEnvironment.proxy(for: endpoint, environment: ["HTTPS_PROXY": "ftp://proxy.internal"])
        }
    }

    /// An http `--url` redirected to https on the same host: that hop goes through HTTPS_PROXY, as if the https
    /// address had been given, not through the HTTP_PROXY chosen for the http one.
    @Test func aHopUpgradedToHTTPSUsesTheHTTPSProxy() throws {
        let environment = ["http_proxy": "http://plain.proxy:8080", "https_proxy": "http://secure.proxy:3128"]
        let plain = try ChatwootAPISource(endpoint: try ChatwootEndpoint("http://chat.example.com", insecureHTTP: true),
                                      accountID: 1, token: try APIToken("t"), environment: environment)
        #expect(plain.configuration.proxy?.host == "plain.proxy")
        #expect(plain.upgradedConfiguration?.proxy?.host == "secure.proxy")
        let secure = try ChatwootAPISource(endpoint: try ChatwootEndpoint("https://chat.example.com"),
                                       accountID: 1, token: try APIToken("t"), environment: environment)
        #expect(secure.configuration.proxy?.host == "secure.proxy")
        #expect(secure.upgradedConfiguration == nil)
    }
}
