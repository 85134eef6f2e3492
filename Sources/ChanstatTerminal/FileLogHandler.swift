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
/// A log that cannot be written (a full disk, `/dev/full`, a file on a vanished mount) must never take the
/// dashboard down: Foundation's `write(_:)` traps on an error, so writes go through the throwing API, and
/// the first failure turns the log off rather than failing again on every frame.
final class LogFile: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle
    private var broken = false

    init?(path: String) {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else { return nil }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
        _ = try? handle.seekToEnd()
        self.handle = handle
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

    /// A logger writing to `path`, or one that discards everything when there is no path (or it cannot
    /// be opened: the dashboard does not fail for want of a log).
    static func logger(path: String?) -> Logger {
        guard let path, let file = LogFile(path: path) else {
            return Logger(label: "chanstat.dashboard") { _ in SwiftLogNoOpLogHandler() }
        }
        return Logger(label: "chanstat.dashboard") { _ in FileLogHandler(file: file) }
    }
}
