import AsyncHTTPClient
import ChanstatCore
import ChanstatTLS
import NIOCore
import NIOSSL

/// "TLS means the name" (SPEC 14) for `--url https://…`. NIOSSL's own host name check also accepts a certificate
/// whose IP entry is the address it connected to, even when the name asked for is a host name; so NIOSSL
/// verifies the chain only (`.noHostnameVerification`) and `CertificateNames` decides the name, on each new
/// connection, after the handshake and before AsyncHTTPClient sends anything on it.
enum ServerNameCheck {
    /// Makes every TLS connection of `configuration` present a certificate that names `host`. AsyncHTTPClient
    /// offers no verification hook; its connection initializers run after the TLS handshake and before the
    /// connection is handed to a request, and a failed one fails the requests waiting for it.
    static func require(_ host: String, in configuration: inout HTTPClient.Configuration) {
        configuration.tlsConfiguration?.certificateVerification = .noHostnameVerification
        let check: @Sendable (Channel) -> EventLoopFuture<Void> = { verify($0, names: host) }
        configuration.http1_1ConnectionDebugInitializer = check
        configuration.http2ConnectionDebugInitializer = check
    }

    /// Fails (and closes the connection) unless the TLS peer's certificate names `host`; a connection without
    /// TLS fails too, since this check is only installed where TLS is expected.
    static func verify(_ channel: Channel, names host: String) -> EventLoopFuture<Void> {
        channel.eventLoop.flatSubmit {
            do {
                let tls = try channel.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)
                guard let leaf = tls.peerCertificate, CertificateNames(leaf).matches(host: host) else {
                    // The error NIOSSL gives for a wrong name: TransportFailure has its sentence.
                    throw NIOSSLExtraError.failedToValidateHostname
                }
                return channel.eventLoop.makeSucceededVoidFuture()
            } catch {
                channel.close(promise: nil)
                return channel.eventLoop.makeFailedFuture(error)
            }
        }
    }
}
