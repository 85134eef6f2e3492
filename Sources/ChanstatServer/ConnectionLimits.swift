import Foundation
import Logging
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

/// How many connections `serve` keeps open, in all and per client address, so that one client opening idle
/// sockets cannot take every file descriptor and stop the others (SPEC 14). Past the total, Hummingbird stops
/// accepting until one closes (the kernel's backlog holds the rest); past the per-address share, a new
/// connection is closed at once, with one log line.
public struct ConnectionLimits: Sendable, Equatable {
    public let total: Int
    public let perAddress: Int

    /// Descriptors left for everything that is not a client (database files and connections, the log,
    /// the event loops' own descriptors).
    static let reserved = 32

    public init(total: Int, perAddress: Int) {
        self.total = max(1, total)
        self.perAddress = max(1, min(perAddress, self.total))
    }

    /// From the descriptor limit (after `raiseDescriptorLimit`): what is left after those open now and a
    /// reserve, at most 16,384; a quarter of it per address (behind a proxy every client is the proxy's
    /// address, so the share stays large).
    public static func fromDescriptorLimit() -> ConnectionLimits {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let soft = limit.rlim_cur == rlim_t.max ? 1 << 20 : Int(clamping: limit.rlim_cur)
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 16
        let total = min(16_384, max(4, soft - open - reserved))
        return ConnectionLimits(total: total, perAddress: max(2, total / 4))
    }

    /// The soft limit on open files raised to the hard one, as servers do at start (the common soft limit of
    /// 1,024 is easily reached by idle clients). Returns the soft limit now in force.
    @discardableResult
    public static func raiseDescriptorLimit() -> UInt {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return UInt(limit.rlim_cur)
    }
}

/// Counts the open connections of each client address (shared by every connection's handler).
final class ConnectionCounter: @unchecked Sendable {
    let limits: ConnectionLimits
    private let logger: Logger
    // Guarded by `lock`: connections live on several event loops.
    private let lock = NSLock()
    private var open: [String: Int] = [:]

    init(limits: ConnectionLimits, logger: Logger) {
        self.limits = limits
        self.logger = logger
    }

    /// One more connection from `address`, or false (and one log line) when it has its share already.
    func admit(_ address: String) -> Bool {
        let admitted = lock.withLock {
            let count = open[address, default: 0]
            guard count < limits.perAddress else { return false }
            open[address] = count + 1
            return true
        }
        if !admitted {
            logger.warning("refused: connection cap per address hit (\(limits.perAddress) open from \(address)), closed")
        }
        return admitted
    }

    func release(_ address: String) {
        lock.withLock {
            let count = open[address, default: 1] - 1
            open[address] = count > 0 ? count : nil
        }
    }

    /// The handlers for one new connection: the per-address share, and closing after the answer when the
    /// client asked for it.
    func handlers() -> [any RemovableChannelHandler] {
        [ConnectionAdmission(counter: self)]
    }
}

/// Admits a connection by its client's address when it becomes active, and installs `CloseWhenAsked` where it
/// can see HTTP/1 versions (before Hummingbird's conversion to version-less HTTP types).
final class ConnectionAdmission: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Any
    private let counter: ConnectionCounter
    private var decided = false

    init(counter: ConnectionCounter) { self.counter = counter }

    func handlerAdded(context: ChannelHandlerContext) {
        if let decoder = try? context.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self) {
            try? context.pipeline.syncOperations.addHandler(CloseWhenAsked(), position: .after(decoder))
        }
        if context.channel.isActive { admit(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        admit(context)
        context.fireChannelActive()
    }

    private func admit(_ context: ChannelHandlerContext) {
        guard !decided else { return }
        decided = true
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        guard counter.admit(address) else {
            let channel = context.channel
            channel.eventLoop.execute { channel.close(promise: nil) }
            return
        }
        let counter = self.counter
        context.channel.closeFuture.whenComplete { _ in counter.release(address) }
    }
}

/// HTTP/1.0 without keep-alive, and `Connection: close` in any spelling: the connection is closed once the
/// answer is written, as RFC 9112 says, rather than held until the idle timeout.
final class CloseWhenAsked: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart
    private var closeAfterAnswer = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data), !head.isKeepAlive { closeAfterAnswer = true }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard closeAfterAnswer, case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        context.writeAndFlush(data, promise: promise)
        context.close(promise: nil)
    }
}
