import ChanstatCore
import Foundation
import Logging

/// A swift-log handler that appends lines to a file: the screen belongs to curses, so nothing may be
/// printed while the dashboard runs. Not bootstrapped globally, so the CLI's own logging is untouched.
struct FileLogHandler: LogHandler {
    private let file: LogFile
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    var metadataProvider: Logger.MetadataProvider?

    init(file: LogFile) {
        self.file = file
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let extra = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        file.append("\(ISO8601DateFormatter().string(from: Date())) \(event.level) \(event.message)\(extra)\n")
    }
}

/// One open log file shared by loggers on any thread; writes are serialized by a lock.
///
/// A log that cannot be opened is the person's to fix, said before the screen is taken (`--log-file` in a
/// directory that does not exist, or a directory). A log that fails later (a full disk, `/dev/full`, a file on
/// a vanished mount) must never take the dashboard down: Foundation's `write(_:)` traps on an error, so writes
/// go through the throwing API, and the first failure turns the log off rather than failing again on every frame.
public final class LogFile: @unchecked Sendable {
    /// Why the file cannot be opened for writing, in a sentence.
    public struct OpenFailure: Error, Sendable {
        public let message: String
    }

    private let lock = NSLock()
    private let handle: FileHandle
    private var broken = false

    /// Opens `path` for appending, creating it if need be. Non-blocking, so that a FIFO without a reader is
    /// refused rather than waited on for ever.
    public init(path: String) throws(OpenFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NONBLOCK, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw OpenFailure(message: "cannot write the log file \(TerminalSafeText.sanitize(path)) (\(reason)); "
                              + "name a file in a directory you may write, or leave out --log-file")
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func append(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        guard !broken else { return }
        do {
            try handle.write(contentsOf: Data(line.utf8))
        } catch {
            broken = true
        }
    }

    /// A logger writing to `file`, or one that discards everything when there is none.
    static func logger(_ file: LogFile?) -> Logger {
        guard let file else {
            return Logger(label: "chanstat.dashboard") { _ in SwiftLogNoOpLogHandler() }
        }
        return Logger(label: "chanstat.dashboard") { _ in FileLogHandler(file: file) }
    }
}
