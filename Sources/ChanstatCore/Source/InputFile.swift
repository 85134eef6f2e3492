import Foundation

/// A file chanstat reads because a person named it: a token file, a CA bundle, the config file, a password file,
/// a SQLite database (SPEC 14 "Files are files").
///
/// Only a regular file is opened: open(2) on a FIFO waits for a writer for ever (and a graceful shutdown on
/// SIGTERM cannot end a thread stuck there), and opening a device can do whatever the device does. A
/// file is refused by its size before a byte of it is read, so a 3 GB file named by mistake costs a stat(2),
/// not 3 GB of memory. The path is looked at with stat(2) first (following a symbolic link, as a shell does), then
/// opened with O_NONBLOCK, so that a FIFO put there between the two cannot block either, and the descriptor is
/// checked again with fstat(2): what is read is the file that was checked, and never more than the limit.
public struct InputFile: Sendable {
    public let path: String
    /// What the file is to chanstat, as a sentence names it: "token file", "CA bundle".
    public let role: String

    /// A file that holds one secret: `--token-file`.
    public static let tokenLimit = 4 * 1024
    /// A file a person writes or a tool exports: the config file, a CA bundle, a password file.
    public static let documentLimit = 1024 * 1024

    public init(_ path: String, role: String) {
        self.path = path
        self.role = role
    }

    public struct Contents: Sendable {
        public let bytes: [UInt8]
        /// The permission bits of the file that was read (from its descriptor), for files that hold a secret.
        public let permissions: mode_t

        /// The bytes as UTF-8 text; nil when they are not.
        public var text: String? { String(validating: bytes, as: UTF8.self) }
    }

    /// The whole file, when it is a regular file of at most `limit` bytes.
    public func contents(atMost limit: Int) throws(InputFileRefusal) -> Contents {
        try withOpenedFile { descriptor, info throws(InputFileRefusal) in
            guard info.st_size <= limit else { throw refusal(.tooLarge(size: Int64(info.st_size), limit: limit)) }
            // One byte more than allowed: a file that grew since fstat is still caught, without reading on.
            let bytes = try readUpTo(limit + 1, from: descriptor)
            guard bytes.count <= limit else { throw refusal(.tooLarge(size: Int64(bytes.count), limit: limit)) }
            return Contents(bytes: bytes, permissions: info.st_mode & 0o7777)
        }
    }

    /// The first `count` bytes of a regular file of any size (fewer when it is shorter): a database's header.
    public func prefix(_ count: Int) throws(InputFileRefusal) -> [UInt8] {
        try withOpenedFile { descriptor, _ throws(InputFileRefusal) in try readUpTo(count, from: descriptor) }
    }

    /// What is at the path: `.missing`, or what kind of file it is (a regular file is nil: nothing to refuse).
    /// For a file that something else opens (SQLite), checked just before it does.
    public func refusalReason() -> InputFileRefusal.Reason? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable(Self.errnoText())
        }
        let kind = FileKind(mode: info.st_mode)
        return kind == .regular ? nil : .notRegular(kind)
    }

    private func withOpenedFile<T>(_ body: (Int32, stat) throws(InputFileRefusal) -> T) throws(InputFileRefusal) -> T {
        if let reason = refusalReason() { throw refusal(reason) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw refusal(errno == ENOENT ? .missing : .unreadable(Self.errnoText())) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw refusal(.unreadable(Self.errnoText())) }
        let kind = FileKind(mode: info.st_mode)
        guard kind == .regular else { throw refusal(.notRegular(kind)) }
        return try body(descriptor, info)
    }

    private func readUpTo(_ count: Int, from descriptor: Int32) throws(InputFileRefusal) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, count - filled) }
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                throw refusal(.unreadable(Self.errnoText()))
            }
            filled += got
        }
        return Array(buffer.prefix(filled))
    }

    private func refusal(_ reason: InputFileRefusal.Reason) -> InputFileRefusal {
        InputFileRefusal(path: path, role: role, reason: reason)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// Why an input file was not read, as one sentence that names the file: "the token file /home/ops/token is
/// 3.0 GB; a token file is at most 4 KB".
public struct InputFileRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case missing
        case notRegular(FileKind)
        case tooLarge(size: Int64, limit: Int)
        /// stat, open or read failed: strerror's words.
        case unreadable(String)
    }

    public let path: String
    public let role: String
    public let reason: Reason

    /// What is wrong, without the file's name (for messages that name it already, `FILE: problem`).
    public var problem: String {
        switch reason {
        case .missing: return "does not exist"
        case .notRegular(let kind): return "is \(kind.described), not a regular file"
        case let .tooLarge(size, limit):
            return "is \(ByteSize.described(size)); a \(role) is at most \(ByteSize.described(Int64(limit)))"
        case .unreadable(let cause): return "cannot be read (\(cause))"
        }
    }

    /// The path as it may be printed.
    public var shownPath: String { TerminalSafeText.sanitize(path, maxCharacters: 80) }

    public var message: String { "the \(role) \(shownPath) \(problem)" }
    public var description: String { message }

    /// The same sentence as a source failure of `kind`.
    public func sourceError(_ kind: SourceError.Kind) -> SourceError { SourceError(kind, message) }
}

/// What stat(2) says a path is, in words for a sentence.
public enum FileKind: Sendable, Equatable {
    case regular, directory, fifo, characterDevice, blockDevice, socket, other

    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }

    public var described: String {
        switch self {
        case .regular: return "a regular file"
        case .directory: return "a directory"
        case .fifo: return "a FIFO (named pipe)"
        case .characterDevice: return "a character device"
        case .blockDevice: return "a block device"
        case .socket: return "a socket"
        case .other: return "a special file"
        }
    }
}

/// Sizes in a sentence: exact bytes below 1 MB, else one decimal of MB, GB or TB (powers of 1024, as `ls -h`).
enum ByteSize {
    static func described(_ bytes: Int64) -> String {
        let units = ["KB", "MB", "GB", "TB"]
        if bytes < 1024 { return "\(bytes) bytes" }
        var value = Double(bytes) / 1024, unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        // A whole number of units (the limits: 4 KB, 1 MB) without a decimal; a file's size with one.
        if value == value.rounded() { return "\(Int(value)) \(units[unit])" }
        if unit == 0 { return "\(bytes) bytes" }
        return String(format: "%.1f", value) + " " + units[unit]
    }
}
