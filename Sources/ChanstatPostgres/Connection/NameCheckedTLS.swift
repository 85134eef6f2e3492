import ChanstatCore
import ChanstatTLS
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS  // TLSUserEvent; part of swift-nio, already linked through NIOSSL
import PostgresNIO

/// `sslmode=verify-full` as libpq means it (SPEC 14, "TLS means the name"): the certificate names the host, in a
/// DNS entry for a host name, in an IP entry only for an IP literal. postgres-nio makes its TLS handler itself and
/// takes no verification hook, and NIOSSL's own name check also accepts an IP entry equal to the address it
/// connected to; so for verify-full chanstat asks for TLS on the channel it opened (PostgreSQL's SSLRequest),
/// completes the handshake and checks the names itself (`CertificateNames`), and only then hands the encrypted
/// channel to postgres-nio, which sends the startup message and the password.
enum NameCheckedTLS {
    /// For verify-full over TCP: TLS set up on `channel` and the peer's names checked (true: the channel is
    /// encrypted, postgres-nio must not ask again). Any other mode: nothing done (false). NIOSSL's own check (the
    /// context's `.fullVerification`) still runs too: both must agree.
    static func secure(_ channel: any Channel, tls: PostgresConnection.Configuration.TLS,
                       target: PostgresTarget) async throws -> Bool {
        guard target.sslMode == .verifyFull, tls.isEnforced, let context = tls.sslContext,
              case let .tcp(host, _) = target.endpoint else { return false }
        let at = "PostgreSQL at \(TerminalSafeText.sanitize(target.address, maxCharacters: 120))"
        let verified = channel.eventLoop.makePromise(of: Void.self)
        try await channel.eventLoop.submit {
            let request = SSLRequestHandler(tls: context, host: host, at: at, sslMode: target.sslMode.rawValue,
                                            verified: verified)
            try channel.pipeline.syncOperations.addHandler(request)
            channel.writeAndFlush(SSLRequestHandler.request(allocator: channel.allocator), promise: nil)
        }.get()
        try await withTaskCancellationHandler {
            try await verified.futureResult.get()
        } onCancel: {
            channel.close(promise: nil)
        }
        return true
    }
}

/// Sends nothing after the SSLRequest until the handshake is done and the certificate names the host; then
/// removes itself, leaving the TLS handler for postgres-nio.
private final class SSLRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// PostgreSQL's SSLRequest: length 8, code 80877103.
    static func request(allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 8)
        buffer.writeInteger(Int32(8))
        buffer.writeInteger(Int32(80_877_103))
        return buffer
    }

    private let tls: NIOSSLContext
    private let host: String
    private let at: String
    private let sslMode: String
    private let verified: EventLoopPromise<Void>
    private var handshaking = false

    init(tls: NIOSSLContext, host: String, at: String, sslMode: String, verified: EventLoopPromise<Void>) {
        self.tls = tls
        self.host = host
        self.at = at
        self.sslMode = sslMode
        self.verified = verified
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        // The one-byte answer, and nothing after it: bytes sent in clear before the handshake would be read as
        // if they had come over TLS (PostgreSQL's CVE-2021-23222; libpq refuses them too).
        guard !handshaking, let answer = bytes.readInteger(as: UInt8.self), bytes.readableBytes == 0 else {
            return fail(context, SourceError(.badData, "\(at) sent more than its answer to the request for TLS; "
                                             + "check that the address is a PostgreSQL server"))
        }
        switch answer {
        case UInt8(ascii: "S"):
            do {
                let serverName = HostAddress(host).isIPLiteral ? nil : host  // SNI carries names only
                let handler = try NIOSSLClientHandler(context: tls, serverHostname: serverName)
                handshaking = true
                try context.pipeline.syncOperations.addHandler(handler, position: .before(self))
            } catch {
                fail(context, error)
            }
        case UInt8(ascii: "N"):
            fail(context, PostgresFailure.tlsNotOffered(at: at, sslMode: sslMode))
        default:
            fail(context, SourceError(.badData, "\(at) did not answer the request for TLS as PostgreSQL does; "
                                      + "check that the address is a PostgreSQL server"))
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case .handshakeCompleted? = event as? TLSUserEvent else {
            return context.fireUserInboundEventTriggered(event)
        }
        let leaf = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).peerCertificate
        guard let leaf, CertificateNames(leaf).matches(host: host) else {
            // The error NIOSSL gives for a wrong name: PostgresFailure has its sentence.
            return fail(context, NIOSSLExtraError.failedToValidateHostname)
        }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        verified.succeed()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context, error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(context, SourceError(.unavailable, "\(at) closed the connection before TLS was set up; check that the "
                                  + "address is a PostgreSQL server, or try again"))
    }

    private func fail(_ context: ChannelHandlerContext, _ error: any Error) {
        verified.fail(error)
        context.close(promise: nil)
    }
}
