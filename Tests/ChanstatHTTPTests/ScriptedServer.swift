import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A deliberately broken HTTP server on a loopback port, for what the real `serve` never does: it answers
/// every connection with the same scripted bytes, stalls, or resets. Plain sockets on a thread of its own,
/// so it behaves the same whatever the client's event loops are doing.
final class ScriptedServer: @unchecked Sendable {
    enum Behaviour: Sendable {
        /// Writes these bytes (a whole or partial HTTP answer), then closes.
        case respond(Data)
        /// Reads the request and never answers, until the server stops.
        case stall
        /// Reads the request, then resets the connection (RST, not FIN).
        case reset
        /// Writes `bytes[..<immediately]` at once, then one byte per `interval`: a server that never stalls
        /// long enough for a read timeout, so only the whole-request timeout can end it.
        case drip(Data, immediately: Int, interval: Duration)
        /// The n-th connection gets the n-th behaviour; the last one repeats (a redirect, then the report).
        indirect case sequence([Behaviour])
        /// Reads the request, waits this long, then behaves so: a slow hop in a chain of redirects.
        indirect case after(Duration, Behaviour)
    }

    let port: Int
    private let listener: Int32
    private let behaviour: Behaviour
    private let lock = NSLock()
    private var connections = 0
    private var held: [Int32] = []
    private var heads: [String] = []
    private var stopped = false

    /// `address`: any of 127.0.0.0/8, so a second server can stand for "another host" on this machine.
    /// `port`: 0 for any free one; a fixed one (80) needs root.
    init(_ behaviour: Behaviour, address host: String = "127.0.0.1", port fixedPort: UInt16 = 0) throws {
        self.behaviour = behaviour
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr(host)
        address.sin_port = fixedPort.bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 16) == 0
                    && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// How many connections were made: 2 means the client retried once.
    var connectionCount: Int { lock.withLock { connections } }

    /// The request heads received (request line and headers), in order.
    var requestHeads: [String] { lock.withLock { heads } }

    /// Shuts the listener down; its thread closes it. Closing it here would free the descriptor number while
    /// the thread may still call accept on it, and another test's new listener could get that number.
    func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        for fd in lock.withLock({ held }) { close(fd) }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                close(listener)
                return
            }
            lock.withLock { connections += 1 }
            let head = readRequest(client)
            let number = lock.withLock {
                heads.append(head)
                return heads.count
            }
            serve(client, number: number, behaviour)
        }
    }

    private func serve(_ client: Int32, number: Int, _ behaviour: Behaviour) {
        switch behaviour {
        case .sequence(let behaviours):
            serve(client, number: number, behaviours[min(number, behaviours.count) - 1])
        case .after(let wait, let behaviour):
            Thread.sleep(forTimeInterval: Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
            serve(client, number: number, behaviour)
        case .respond(let bytes):
            _ = Self.write(bytes, to: client)
            close(client)
        case .drip(let bytes, let immediately, let interval):
            var sentAll = Self.write(bytes.prefix(immediately), to: client)
            for byte in bytes.dropFirst(immediately) where sentAll && !lock.withLock({ stopped }) {
                Thread.sleep(forTimeInterval: Double(interval.components.attoseconds) / 1e18
                             + Double(interval.components.seconds))
                sentAll = Self.write(Data([byte]), to: client)
            }
            close(client)
        case .stall:
            lock.withLock { held.append(client) }
        case .reset:
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            close(client)
        }
    }

    /// Whether every byte went out. MSG_NOSIGNAL: a client that gives up early must not kill the test
    /// process with SIGPIPE.
    private static func write(_ bytes: Data, to client: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(client, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }

    /// Reads up to the end of the request head, so the client is not reset for unread data; returns the head.
    private func readRequest(_ client: Int32) -> String {
        var received = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while received.count < 65_536 {
            let count = recv(client, &chunk, chunk.count, 0)
            if count <= 0 { break }
            received += chunk[0..<count]
            if received.count >= 4, received.suffix(4) == [13, 10, 13, 10] { break }
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// An HTTP/1.1 answer with the right Content-Length (or another one, to cut a body short).
    static func answer(_ status: Int, _ body: String, contentType: String = "application/json",
                       contentLength: Int? = nil, extraHeaders: String = "") -> Behaviour {
        let bytes = Data(body.utf8)
        let head = "HTTP/1.1 \(status) Scripted\r\nContent-Type: \(contentType)\r\n"
            + "Content-Length: \(contentLength ?? bytes.count)\r\n\(extraHeaders)Connection: close\r\n\r\n"
        return .respond(Data(head.utf8) + bytes)
    }
}

/// A raw client for requests no well-behaved client sends: half a request, garbage, a hang-up.
enum RawClient {
    static func sendAndClose(port: Int, _ text: String) throws {
        try RawConnection(port: port).send(text)
    }
}
