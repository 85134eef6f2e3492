import NIOCore
import NIOSSL

/// The longest message a PostgreSQL server may send, by the libpq rules (fe-connect.c during the login,
/// fe-protocol3.c after it). Each message starts with a type byte and a 4-byte length; postgres-nio's decoder
/// believes the length and keeps reading until that many bytes have come, so one forged length field (from a
/// fake server, or anyone in the middle of a connection without TLS) made chanstat hold gigabytes.
enum BackendMessageLimits {
    /// During the login, an authentication request (`R`): libpq refuses anything longer.
    static let authenticationRequest = 2_000
    /// Any other message during the login, and after it every type that libpq does not allow to be long.
    static let ordinary = 30_000
    /// After the login, the types libpq allows to be long: row description (`T`), data row (`D`), copy data (`d`),
    /// function result (`V`), error (`E`), notice (`N`), notification (`A`). libpq takes them up to what memory
    /// allows; 1 GiB is PostgreSQL's own largest allocation (MaxAllocSize), so no real server sends a larger one.
    static let long = 1 << 30
    static let longTypes: Set<UInt8> = Set("TDdVENA".utf8)

    /// The limit for a message of `type`; the login ends with the server's first ReadyForQuery (`Z`).
    static func limit(for type: UInt8, loggedIn: Bool) -> Int {
        guard loggedIn else { return type == UInt8(ascii: "R") ? authenticationRequest : ordinary }
        return longTypes.contains(type) ? long : ordinary
    }
}

/// What a server sent that made chanstat end the connection before postgres-nio read it.
struct BackendProtocolViolation: Error, Equatable {
    enum Kind: Equatable {
        /// A length field below 4 (the length counts itself) or above the limit for its type.
        case badLength(type: UInt8, length: Int, limit: Int, duringLogin: Bool)
        /// Bytes in clear right after the server agreed to TLS: someone in the middle injecting messages that would
        /// be read as if they had come through TLS (CVE-2021-23222's class; libpq refuses them too).
        case clearTextAfterTLSAgreement
    }

    let kind: Kind
}

/// Checks the length field of every message the server sends before postgres-nio's decoder sees a byte of it,
/// and ends the connection at the first one over `BackendMessageLimits` (the error reaches postgres-nio, which
/// fails the login or the query with it). It sits first in the pipeline; when the server agrees to TLS it hands
/// over to a second one placed behind the TLS handler, where the messages are readable again.
final class BackendMessageLimit: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private enum State {
        /// postgres-nio asked for TLS: the answer is one bare byte, `S` (yes) or `N` (no), without a length.
        case awaitingEncryptionAnswer
        case framing
        /// TLS records, which the handler behind the TLS handler checks once they are decrypted.
        case passingThrough
        case refused
    }

    private var state: State
    private var loggedIn = false
    /// The type byte and length of the message being read, while fewer than 5 have come.
    private var header: [UInt8] = []
    /// Bytes of the current message's body still to come.
    private var remaining = 0

    init(expectsEncryptionAnswer: Bool) {
        state = expectsEncryptionAnswer ? .awaitingEncryptionAnswer : .framing
        header.reserveCapacity(5)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        switch state {
        case .refused:
            return
        case .passingThrough:
            context.fireChannelRead(data)
        case .awaitingEncryptionAnswer:
            guard let answer = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return }
            if answer == UInt8(ascii: "S") {
                guard buffer.readableBytes == 1 else { return refuse(.clearTextAfterTLSAgreement, context: context) }
                state = .passingThrough
                // postgres-nio adds its TLS handler while it reads this byte, before `fireChannelRead` returns; no
                // TLS record can come before our ClientHello, so the next handler is in place in time.
                context.fireChannelRead(data)
                do {
                    let tls = try context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)
                    try context.pipeline.syncOperations.addHandler(BackendMessageLimit(expectsEncryptionAnswer: false),
                                                                   position: .after(tls))
                } catch {
                    // No TLS handler: postgres-nio did not go on with TLS (it has already failed the login).
                }
                return
            }
            state = .framing
            if answer == UInt8(ascii: "N") {
                // TLS refused: postgres-nio goes on in clear (sslmode=prefer) or stops; messages follow as usual.
                if let refusal = buffer.readSlice(length: 1) { context.fireChannelRead(wrapInboundOut(refusal)) }
                guard buffer.readableBytes > 0 else { return }
            }
            frame(buffer, context: context)
        case .framing:
            frame(buffer, context: context)
        }
    }

    private func frame(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        if let violation = scan(buffer.readableBytesView) {
            refuse(violation, context: context)
        } else {
            context.fireChannelRead(wrapInboundOut(buffer))
        }
    }

    /// Follows message boundaries through `bytes` (a message may span reads) and checks each length field.
    private func scan(_ bytes: ByteBufferView) -> BackendProtocolViolation.Kind? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if remaining > 0 {
                let skipped = min(remaining, bytes.endIndex - index)
                index += skipped
                remaining -= skipped
                continue
            }
            header.append(bytes[index])
            index += 1
            guard header.count == 5 else { continue }
            let type = header[0]
            let length = header[1...].reduce(0) { $0 << 8 | Int($1) }
            header.removeAll(keepingCapacity: true)
            let limit = BackendMessageLimits.limit(for: type, loggedIn: loggedIn)
            guard length >= 4, length <= limit else {
                return .badLength(type: type, length: length, limit: limit, duringLogin: !loggedIn)
            }
            if type == UInt8(ascii: "Z") { loggedIn = true }
            remaining = length - 4
        }
        return nil
    }

    /// The error first, so postgres-nio fails what waits with it rather than with "connection closed".
    private func refuse(_ violation: BackendProtocolViolation.Kind, context: ChannelHandlerContext) {
        state = .refused
        context.fireErrorCaught(BackendProtocolViolation(kind: violation))
        context.close(promise: nil)
    }
}
