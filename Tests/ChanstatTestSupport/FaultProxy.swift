import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP proxy on a loopback port in front of a real server (`serve`), that makes the network bad on demand:
/// the answer late, slow, cut after its head or halfway through its body, the connection reset, or an
/// overloaded gateway's 429/503 with `Retry-After`. The fault can be changed while clients are connected, so a
/// test can break the link under a running dashboard and mend it again. Plain sockets, a thread per
/// connection; every wait gives up when the client hangs up or the proxy stops.
public final class FaultProxy: @unchecked Sendable {
    public enum Fault: Sendable, Equatable {
        /// Everything passes as it is.
        case none
        /// The answer is held back this long, then sent whole.
        case delay(seconds: Double)
        /// The answer trickles at this many bytes a second.
        case throttle(bytesPerSecond: Int)
        /// The head and half the body are sent, then nothing more, until the client gives up.
        case stallMidBody
        /// The request is read; after this long the connection is reset (RST) without an answer.
        case reset(afterSeconds: Double)
        /// After this long the answer's head is sent, then the connection is closed without its body.
        case dropAfterHead(afterSeconds: Double)
        /// The proxy answers itself, as a gateway in front of a busy server does; `serve` is not asked.
        case answer(status: Int, retryAfter: String)
    }

    public let port: Int
    private let upstreamPort: Int
    private let listener: Int32
    private let lock = NSLock()
    private var currentFault = Fault.none
    private var requests = 0
    private var open: Set<Int32> = []
    private var stopped = false

    public init(upstreamPort: Int) throws {
        self.upstreamPort = upstreamPort
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = Loopback.address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 32) == 0
                    && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    deinit { stop() }

    public var url: String { "http://127.0.0.1:\(port)" }

    /// What the next request meets (one already being answered keeps the fault it started with).
    public var fault: Fault {
        get { lock.withLock { currentFault } }
        set { lock.withLock { currentFault = newValue } }
    }

    /// Requests received so far, whatever was done with them.
    public var requestCount: Int { lock.withLock { requests } }

    /// Stops accepting and wakes every connection's thread, which then closes its sockets. (Shut down here,
    /// closed by their threads: closing here would free descriptor numbers another test could get meanwhile.)
    public func stop() {
        let sockets: Set<Int32> = lock.withLock {
            stopped = true
            return open
        }
        shutdown(listener, Int32(SHUT_RDWR))
        for fd in sockets { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0, !isStopped else {
                if client >= 0 { close(client) }
                close(listener)
                return
            }
            track(client)
            Thread { [self] in serve(client) }.start()
        }
    }

    private func track(_ fd: Int32) { lock.withLock { _ = open.insert(fd) } }

    private func release(_ fd: Int32) {
        lock.withLock { _ = open.remove(fd) }
        close(fd)
    }

    /// One client connection: request after request (keep-alive), each through the fault of its moment.
    private func serve(_ client: Int32) {
        var upstream: Int32?
        defer {
            if let upstream { release(upstream) }
            release(client)
        }
        while let request = Self.readHead(client), !isStopped {
            let fault: Fault = lock.withLock {
                requests += 1
                return currentFault
            }
            switch fault {
            case .answer(let status, let retryAfter):
                let body = #"{"error":"the gateway is busy"}"#
                _ = Self.write(Data(("HTTP/1.1 \(status) Busy\r\nContent-Type: application/json\r\nRetry-After: \(retryAfter)\r\n"
                                     + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body).utf8), to: client)
                return
            case .reset(let seconds):
                guard wait(seconds, for: client) else { return }
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                return
            default:
                break
            }
            if upstream == nil {
                upstream = connectUpstream()
            }
            guard let server = upstream, Self.write(request, to: server), let answer = Self.readAnswer(server) else { return }
            switch fault {
            case .none, .answer, .reset:
                guard Self.write(answer.head + answer.body, to: client) else { return }
            case .delay(let seconds):
                guard wait(seconds, for: client), Self.write(answer.head + answer.body, to: client) else { return }
            case .throttle(let rate):
                guard trickle(answer.head + answer.body, bytesPerSecond: rate, to: client) else { return }
            case .stallMidBody:
                _ = Self.write(answer.head + answer.body.prefix(answer.body.count / 2), to: client)
                _ = wait(.infinity, for: client)
                return
            case .dropAfterHead(let seconds):
                guard wait(seconds, for: client) else { return }
                _ = Self.write(answer.head, to: client)
                return
            }
            if answer.closes { return }
        }
    }

    private func connectUpstream() -> Int32? {
        guard let fd = Loopback.connect(port: upstreamPort) else { return nil }
        track(fd)
        return fd
    }

    /// Waits `seconds` (or for ever); false as soon as the client hangs up or the proxy stops.
    private func wait(_ seconds: Double, for client: Int32) -> Bool {
        let deadline = Date().addingTimeInterval(seconds.isFinite ? seconds : 1e9)
        while Date() < deadline {
            if isStopped { return false }
            var descriptor = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            let slice = Int32(max(1, min(100, deadline.timeIntervalSinceNow * 1000)))
            if poll(&descriptor, 1, slice) > 0 {
                // Readable while waiting for our own answer: either the client hung up (0 bytes) or sent more.
                var byte: UInt8 = 0
                if recv(client, &byte, 1, Int32(MSG_PEEK)) <= 0 { return false }
                Thread.sleep(forTimeInterval: Double(slice) / 1000)
            }
        }
        return !isStopped
    }

    /// Sends `bytes` in tenths of a second's worth; false when the client is gone or the proxy stops.
    private func trickle(_ bytes: Data, bytesPerSecond: Int, to client: Int32) -> Bool {
        let piece = max(1, bytesPerSecond / 10)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + piece)
            guard Self.write(bytes[offset..<end], to: client), wait(0.1, for: client) else { return false }
            offset = end
        }
        return true
    }

    private struct Answer {
        var head: Data
        var body: Data
        var closes: Bool
    }

    /// A request head (GET requests have no body), or nil when the client closed.
    private static func readHead(_ fd: Int32) -> Data? {
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 1)
        // A byte at a time: the head must not swallow the start of a pipelined request.
        while !(received.count >= 4 && received.suffix(4) == Data([13, 10, 13, 10])) {
            guard received.count < 65_536, recv(fd, &chunk, 1, 0) == 1 else { return nil }
            received.append(chunk[0])
        }
        return received
    }

    /// The server's answer: its head, then the body its Content-Length announces (or all until it closes).
    private static func readAnswer(_ fd: Int32) -> Answer? {
        guard let head = readHead(fd) else { return nil }
        let fields = String(decoding: head, as: UTF8.self).lowercased().split(separator: "\r\n")
        let length = fields.first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
        let closes = length == nil || fields.contains { $0.hasPrefix("connection:") && $0.contains("close") }
        var body = Data()
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while length.map({ body.count < $0 }) ?? true {
            let wanted = length.map { min(chunk.count, $0 - body.count) } ?? chunk.count
            let count = recv(fd, &chunk, wanted, 0)
            if count <= 0 { break }
            body.append(contentsOf: chunk[0..<count])
        }
        return Answer(head: head, body: body, closes: closes)
    }

    /// MSG_NOSIGNAL: a client that gives up must not end the test process with SIGPIPE.
    private static func write<Bytes: DataProtocol>(_ bytes: Bytes, to fd: Int32) -> Bool {
        let buffer = Array(bytes)
        var offset = 0
        while offset < buffer.count {
            let sent = buffer[offset...].withUnsafeBytes { send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }
}
