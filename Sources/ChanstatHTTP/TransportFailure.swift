import AsyncHTTPClient
import ChanstatCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A failure below HTTP (connect, TLS, timeout, reset, too much data) as one sentence, and whether one
/// retry may help. The sentences name the server by its label only: never the URL's query, never a header.
struct TransportFailure {
    let error: SourceError
    let retryable: Bool

    /// `proxy`: the proxy the request went through, if any. Connecting is then connecting to the proxy, so a
    /// refused or unresolvable connection names the proxy and its variable, not the server behind it.
    init(_ failure: any Error, endpoint: ChatwootEndpoint, proxy: ProxyEnvironment.Setting? = nil,
         limits: ChatwootAPISource.Limits, trust: CertificateTrust) {
        let server = endpoint.label
        if let proxy, let reason = Self.connectFailure(failure) {
            self.init(.unavailable, "cannot connect to \(proxy.named) on the way to \(server): \(reason); check "
                      + "$\(proxy.variable), or add the host to NO_PROXY if it is reached without a proxy",
                      retryable: reason == "connection refused")
            return
        }
        switch failure {
        case is NIOTooManyBytesError:
            self.init(.badData, "\(server) sent more than \(limits.maximumBodyBytes / 1024) KiB, far more than a "
                      + "channel summary; check that --url is the Chatwoot address", retryable: false)
        case let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout:
            self.init(.unavailable, "\(server) did not answer within \(Self.seconds(limits.requestTimeout)); "
                      + "check that it is up, or try again later", retryable: false)
        case let error as HTTPClientError where error == .connectTimeout:
            self.init(.unavailable, "cannot connect to \(server): no answer within "
                      + "\(Self.seconds(limits.connectTimeout)); check --url and your network", retryable: true)
        case _ where (failure as? HTTPClientError) == .remoteConnectionClosed
            // The server closed before sending all the bytes its Content-Length promised.
            || (failure as? HTTPParserError) == .invalidEOFState:
            self.init(.unavailable, "\(server) closed the connection before the answer was complete; try again",
                      retryable: true)
        case let error as HTTPClientError where error == .tlsHandshakeTimeout:
            self.init(.unavailable, "the TLS handshake with \(server) timed out; check --url and your network",
                      retryable: true)
        case let error as HTTPClientError where error == .proxyAuthenticationRequired || error == .invalidProxyResponse:
            let named = proxy?.named ?? "the proxy"
            self.init(.unavailable, "\(named) refused to connect to \(server); check the proxy "
                      + "settings or NO_PROXY", retryable: false)
        case is HTTPParserError:
            self.init(.badData, "\(server) answered with something that is not HTTP; check --url", retryable: false)
        case let error as NIOConnectionError:
            if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
                self.init(.unavailable, "cannot find the host \(TerminalSafeText.sanitize(endpoint.host, maxCharacters: 80)); "
                          + "check --url", retryable: false)
            } else {
                self.init(.unavailable, "cannot connect to \(server): connection refused; is the server running?",
                          retryable: true)
            }
        case let error as IOError where [ECONNRESET, EPIPE, ECONNABORTED].contains(error.errnoCode):
            self.init(.unavailable, "the connection to \(server) was reset before the answer was complete; try again",
                      retryable: true)
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            self.init(.unavailable, "cannot connect to \(server): connection refused; is the server running?",
                      retryable: true)
        case _ where Self.isUntrustedCertificate(failure):
            let trusted = trust.hasCAFile ? "this machine or the --ca-file trusts" : "this machine trusts"
            self.init(.unavailable, "the certificate of \(server) is not signed by a certificate authority \(trusted): "
                      + "give the authority that signed it (a PEM file) with --ca-file FILE", retryable: false)
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            self.init(.unavailable, "the certificate of \(server) is for another host name: use the name it was "
                      + "issued for in --url", retryable: false)
        case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError:
            self.init(.unavailable, "the secure connection to \(server) failed: its certificate could not be "
                      + "verified, or it does not speak TLS there", retryable: false)
        default:
            let detail = TerminalSafeText.sanitize(String(describing: failure), maxCharacters: 120)
            self.init(.unavailable, "cannot get the report from \(server): \(detail)", retryable: false)
        }
    }

    /// Why a connection could not be made at all (refused, no such host, no answer), or nil for a failure after
    /// connecting.
    private static func connectFailure(_ failure: any Error) -> String? {
        switch failure {
        case let error as HTTPClientError where error == .connectTimeout:
            return "no answer"
        case let error as NIOConnectionError:
            return error.connectionErrors.isEmpty && (error.dnsAError != nil || error.dnsAAAAError != nil)
                ? "no such host" : "connection refused"
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            return "connection refused"
        default:
            return nil
        }
    }

    /// BoringSSL's verdict on a chain that leads to no trusted root (self-signed, or a private CA not given).
    private static func isUntrustedCertificate(_ failure: any Error) -> Bool {
        guard case .handshakeFailed(let reason)? = failure as? NIOSSLError else { return false }
        return String(describing: reason).contains("CERTIFICATE_VERIFY_FAILED")
    }

    private init(_ kind: SourceError.Kind, _ message: String, retryable: Bool) {
        self.error = SourceError(kind, message)
        self.retryable = retryable
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if value == 1 { return "1 second" }
        return value == value.rounded() ? "\(Int(value)) seconds" : String(format: "%.1f seconds", value)
    }
}
