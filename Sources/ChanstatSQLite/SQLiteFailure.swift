import ChanstatCore
import GRDB

/// Turns what SQLite says into one sentence a person can act on.
enum SQLiteFailure {
    static func sourceError(_ error: any Error, fileName: String) -> SourceError {
        if let error = error as? SourceError { return error }
        guard let error = error as? DatabaseError else {
            return SourceError(.unavailable, "cannot read \(fileName): \(error)")
        }
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return SourceError(.badData, "\(fileName) is not a SQLite database")
        case .SQLITE_CORRUPT:
            return SourceError(.badData, "\(fileName) is corrupt (SQLite says: \(error.message ?? "malformed")); "
                               + "restore it from a backup or export it again")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return SourceError(.unavailable, "\(fileName) is locked by a program writing to it; try again in a moment")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return SourceError(.unavailable, "cannot open \(fileName): check that it exists and that you may read it")
        case .SQLITE_READONLY:
            // A read-only connection writes nothing, but a WAL-mode file needs FILE-shm and FILE-wal beside it
            // to be read at all; in a directory this user may not write, SQLite cannot create them.
            return SourceError(.unavailable, "cannot read \(fileName): it is a WAL-mode file, and SQLite must create "
                               + "\(fileName)-shm and \(fileName)-wal beside it to read one, in a directory you may not "
                               + "write; copy the file to a directory you can write, or have its owner run "
                               + "sqlite3 \(fileName) 'PRAGMA journal_mode=DELETE'")
        case .SQLITE_IOERR, .SQLITE_FULL:
            return SourceError(.unavailable, "cannot read \(fileName): input/output error (\(error.message ?? "I/O"))")
        case .SQLITE_ERROR where (error.message ?? "").contains("no such"):
            return SourceError(.badData, "\(fileName) does not have the Chatwoot shape: \(error.message ?? "")")
        default:
            return SourceError(.badData, "cannot read \(fileName): \(error.message ?? "\(error.resultCode)")")
        }
    }
}
