import ChanstatCore
@testable import ChanstatHTTP
import ChanstatTestSupport
import Foundation
import Testing

/// SPEC 14's client rules that need no server: "loopback" is an address, never a name that starts with "127.";
/// a proxy's password is never shown, whatever is wrong with the value.
struct ClientTrustTests {
    @Test func aNameStartingWith127IsAnotherMachine() throws {
        #expect(throws: SourceError(.usage, "--url http://127.example.com is plain http to another machine, which would "
                                    + "send the token unencrypted: use https://, or --insecure-http if you accept that")) {
            _ = try ChatwootEndpoint("http://127.example.com")
        }
        // Allowed in clear on purpose, it still goes through the proxy like any other machine.
        let endpoint = try ChatwootEndpoint("http://127.example.com", insecureHTTP: true)
        #expect(!endpoint.isLoopback)
        let proxy = try ProxyEnvironment.proxy(for: endpoint, environment: ["HTTP_PROXY": "http://proxy.internal:3128"])
        #expect(proxy?.label == "http://proxy.internal:3128")
        #expect(try ChatwootEndpoint("http://127.3.4.5:3000").isLoopback)
        #expect(try ChatwootEndpoint("http://chat.localhost:3000").isLoopback)
    }

    @Test(.enabled(if: ChanstatBinary.isBuilt, "needs a built chanstat"))
    func theBinaryRefusesPlainHTTPTo127Example() throws {
        let run = try ChanstatBinary.run(["report", "--url", "http://127.example.com:3000", "--account", "1"],
                                         environment: ["CHATWOOT_API_TOKEN": "t"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("chanstat: --url http://127.example.com:3000 is plain http to another machine"))
    }

    static let password = "hunter2-proxy"

    @Test(arguments: ["http://alice:\(password)@proxy.internal:notaport", "http://alice:\(password)@proxy internal:3128",
                      "alice:\(password)@proxy.internal:x", "http://alice:hun/ter2-proxy@proxy.internal:3128",
                      "socks4://alice:\(password)@proxy.internal:1080"])
    func aProxyPasswordIsNotShown(value: String) throws {
        let endpoint = try ChatwootEndpoint("https://chat.example.com")
        let error = #expect(throws: SourceError.self) {
            _ = try ProxyEnvironment.proxy(for: endpoint, environment: ["HTTPS_PROXY": value])
        }
        let message = try #require(error).message
        #expect(message.contains("is not a proxy address"))
        #expect(!message.contains("hunter2") && !message.contains("ter2-proxy") && !message.contains("alice"), "\(message)")
    }

    @Test(.enabled(if: ChanstatBinary.isBuilt, "needs a built chanstat"))
    func theBinaryDoesNotShowAProxyPassword() throws {
        let run = try ChanstatBinary.run(["report", "--url", "https://chat.example.com", "--account", "1"],
                                         environment: ["HTTPS_PROXY": "http://alice:\(Self.password)@proxy.internal:notaport",
                                                       "CHATWOOT_API_TOKEN": "t"])
        #expect(run.status == 2)
        #expect(run.stderr == "chanstat: $HTTPS_PROXY \"http://…@proxy.internal:notaport\" is not a proxy address: give it "
                + "as http://HOST:PORT (or socks5://HOST:PORT), or unset it\n")
    }
}
