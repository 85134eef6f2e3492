import ChanstatCore
import Foundation

/// The file a path names right now, as the long-lived readers (dashboard, `serve`: see `FollowedFile`) need to know it.
///
/// An open SQLite connection keeps reading the inode it opened: a file deleted, or replaced by a new file
/// renamed over it, goes on answering with the old data, and nothing would ever say so. Comparing the
/// path's device and inode with the opened ones tells those cases apart. A file overwritten in place (`cp new
/// old`, `cat new > old`) keeps its inode, and SQLite keeps its page cache when the header's change counter is
/// the same in the new bytes: so the size, mtime and ctime (to the nanosecond) are compared too. The size
/// against the page count in the SQLite header tells a truncated (or half-copied) file, before SQLite reads
/// zeros past its end.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: Timestamp
    let changed: Timestamp
    let kind: FileKind

    struct Timestamp: Equatable, Sendable {
        let seconds: Int64
        let nanoseconds: Int64

        init(_ time: timespec) {
            seconds = Int64(time.tv_sec)
            nanoseconds = Int64(time.tv_nsec)
        }
    }

    /// nil when nothing is at the path. stat(2) only: a FIFO or a device is never opened here.
    static func at(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                            modified: Timestamp(info.st_mtim), changed: Timestamp(info.st_ctim),
                            kind: FileKind(mode: info.st_mode))
    }

    /// The same inode, whatever was written to it since.
    func isSameFile(as other: FileIdentity) -> Bool {
        device == other.device && inode == other.inode
    }

    /// The length the SQLite header promises (page size times page count), when the header says it is
    /// valid; nil when the file is too short to have a header, or is not SQLite (SQLite then says why).
    /// Read through `InputFile`, so a FIFO put at the path in the meantime is not waited on.
    static func expectedLength(ofDatabaseAt path: String) -> Int64? {
        guard let header = try? InputFile(path, role: "database file").prefix(100), header.count == 100,
              header.starts(with: Array("SQLite format 3\0".utf8)) else { return nil }
        func bigEndian(_ offset: Int, _ count: Int) -> Int64 {
            header[offset..<offset + count].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        }
        // The page count is only trusted while the change counter matches "version valid for" (SQLite 3.7+).
        guard bigEndian(24, 4) == bigEndian(92, 4) else { return nil }
        let pageSize = bigEndian(16, 2) == 1 ? 65_536 : bigEndian(16, 2)
        return pageSize * bigEndian(28, 4)
    }
}
