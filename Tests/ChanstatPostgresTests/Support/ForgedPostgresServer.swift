import ChanstatTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fake PostgreSQL server on a loopback port, for what a real one never does on purpose: a length field far
/// larger than any message (followed by as many bytes as the client will take, as an attacker would send them),
/// silence after a completed login, or bytes in clear after agreeing to TLS. It answers every login with
/// AuthenticationOk (no password), and counts what it streamed before the client hung up.
final class ForgedPostgresServer: @unchecked Sendable {
    enum Script: Sendable {
        /// An authentication request (`R`) whose length says 2 GB, during the login.
        case oversizedDuringLogin
        /// After a login: the first statement is answered by a message of `type` whose length says `length`.
        case oversizedAfterLogin(type: Character, length: UInt32)
        /// After a login: every statement is read and never answered.
        case silentAfterLogin
        /// TLS asked for: "S", and in the same packet a message in clear (AuthenticationOk).
        case clearTextAfterAgreeingToTLS
    }

    /// At most this much is streamed after a forged length (a client that believed it would hold all of it).
    static let streamCap = 256 << 20

    let port: Int
    private let script: Script
    private let listener: Int32
    private let lock = NSLock()
    private var streamedBytes = 0
    private var connections: [Int32] = []
    private var stopped = false

    init(_ script: Script) throws {
        self.script = script
        (listener, port) = try LoopbackListener.listen()
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit { stop() }

    /// Bytes sent after the forged length field, until the client closed the connection.
    var streamed: Int { lock.withLock { streamedBytes } }

    func stop() {
        let open = lock.withLock { () -> [Int32] in
            guard !stopped else { return [] }
            stopped = true
            return connections + [listener]
        }
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let keep = lock.withLock { () -> Bool in
                guard !stopped else { return false }
                connections.append(client)
                return true
            }
            guard keep else { close(client); return }
            Thread.detachNewThread { [self] in serve(client) }
        }
    }

    private func serve(_ fd: Int32) {
        guard var startup = readPacket(fd) else { return }
        if startup.starts(with: [0x04, 0xD2, 0x16, 0x2F]) {   // SSLRequest
            if case .clearTextAfterAgreeingToTLS = script {
                _ = write(fd, [UInt8(ascii: "S")] + Self.message("R", [0, 0, 0, 0]))
                return drain(fd)
            }
            guard write(fd, [UInt8(ascii: "N")]), let next = readPacket(fd) else { return }
            startup = next
        }
        switch script {
        case .oversizedDuringLogin:
            stream(fd, type: "R", length: 0x7FFF_FFF0)
        case let .oversizedAfterLogin(type, length):
            guard login(fd), read(fd) != nil else { return }
            stream(fd, type: type, length: length)
        case .silentAfterLogin:
            guard login(fd) else { return }
            drain(fd)
        case .clearTextAfterAgreeingToTLS:
            drain(fd)
        }
    }

    /// AuthenticationOk, the parameters and key a real server sends, ReadyForQuery.
    private func login(_ fd: Int32) -> Bool {
        var bytes = Self.message("R", [0, 0, 0, 0])
        for (name, value) in [("server_version", "16.0"), ("client_encoding", "UTF8"), ("DateStyle", "ISO, MDY"),
                              ("integer_datetimes", "on"), ("standard_conforming_strings", "on")] {
            bytes += Self.message("S", Array(name.utf8) + [0] + Array(value.utf8) + [0])
        }
        bytes += Self.message("K", [0, 0, 0, 42, 0, 0, 0, 7])
        bytes += Self.message("Z", [UInt8(ascii: "I")])
        return write(fd, bytes)
    }

    /// The header with the forged length, then zeros until the client hangs up (or the cap).
    private func stream(_ fd: Int32, type: Character, length: UInt32) {
        guard write(fd, [UInt8(type.asciiValue ?? 0)] + Self.bigEndian(length)) else { return }
        let chunk = [UInt8](repeating: 0, count: 64 << 10)
        while streamed < Self.streamCap, write(fd, chunk) {
            lock.withLock { streamedBytes += chunk.count }
        }
        drain(fd)
    }

    /// Reads until the client hangs up, answering nothing.
    private func drain(_ fd: Int32) {
        while read(fd) != nil {}
    }

    private func readPacket(_ fd: Int32) -> [UInt8]? {
        guard let header = readExactly(fd, 4) else { return nil }
        let length = header.reduce(0) { $0 << 8 | Int($1) }
        return length >= 4 ? readExactly(fd, length - 4) : nil
    }

    private func readExactly(_ fd: Int32, _ count: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        while bytes.count < count {
            guard let more = read(fd, upTo: count - bytes.count) else { return nil }
            bytes += more
        }
        return bytes
    }

    private func read(_ fd: Int32, upTo count: Int = 65_536) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        let got = recv(fd, &buffer, count, 0)
        return got > 0 ? Array(buffer.prefix(got)) : nil
    }

    /// False once the client is gone (no SIGPIPE: MSG_NOSIGNAL).
    private func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    static func message(_ type: Character, _ body: [UInt8]) -> [UInt8] {
        [UInt8(type.asciiValue ?? 0)] + bigEndian(UInt32(body.count + 4)) + body
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}

/// A TCP socket listening on 127.0.0.1, on a port of the kernel's choosing.
enum LoopbackListener {
    static func listen() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && Glibc.listen(fd, 16) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard ready else { close(fd); throw POSIXError(.EADDRINUSE) }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

/// `chanstat` run as a child with posix_spawn, so that its own peak memory (wait4's rusage) can be read, and killed
/// if it has not ended after `limit` (a client that waits for ever must fail the test, not hang it).
struct MeasuredRun {
    let status: Int32
    let stdout: String
    let stderr: String
    let elapsed: Duration
    /// The child's peak resident memory, in KiB.
    let peakResidentKiB: Int
    let killed: Bool

    static func chanstat(_ arguments: [String], environment: [String: String] = [:], limit: Duration = .seconds(90)) throws -> MeasuredRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-measured-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path, errPath = scratch.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([ChanstatBinary.path] + arguments).map { strdup($0) } + [nil]
        let envp = ChanstatBinary.environment(environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let started = ContinuousClock.now
        let spawned = posix_spawn(&pid, ChanstatBinary.path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        var usage = rusage()
        var killed = false
        while wait4(pid, &status, WNOHANG, &usage) == 0 {
            if ContinuousClock.now - started > limit, !killed {
                kill(pid, SIGKILL)
                killed = true
            }
            usleep(20_000)
        }
        let elapsed = ContinuousClock.now - started
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return MeasuredRun(status: exit, stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                           stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
                           elapsed: elapsed, peakResidentKiB: usage.ru_maxrss, killed: killed)
    }
}
