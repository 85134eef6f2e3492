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
    }

    let port: Int
    private let listener: Int32
    private let behaviour: Behaviour
    private let lock = NSLock()
    private var connections = 0
    private var held: [Int32] = []

    init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
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

    /// Shuts the listener down; its thread closes it. Closing it here would free the descriptor number while
    /// the thread may still call accept on it, and another test's new listener could get that number.
    func stop() {
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
            readRequest(client)
            switch behaviour {
            case .respond(let bytes):
                bytes.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        // MSG_NOSIGNAL: a client that gives up early must not kill the test process with SIGPIPE.
                        let sent = send(client, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                        if sent <= 0 { break }
                        offset += sent
                    }
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
    }

    /// Reads up to the end of the request head, so the client is not reset for unread data.
    private func readRequest(_ client: Int32) {
        var received = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while received.count < 65_536 {
            let count = recv(client, &chunk, chunk.count, 0)
            if count <= 0 { return }
            received += chunk[0..<count]
            if received.count >= 4, received.suffix(4) == [13, 10, 13, 10] { return }
        }
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
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        _ = text.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }
}
