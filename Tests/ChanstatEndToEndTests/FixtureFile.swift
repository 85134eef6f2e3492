import ChanstatSQLite
import Foundation
import GRDB

/// A Chatwoot-shaped SQLite file made from a fixture's SQL, in a folder of its own (remove the folder when done),
/// and what `serve` needs on top: an administrator of account 1 with a token.
enum FixtureFile {
    /// `ddl`: the file's shape (the whole of SPEC 2's by default).
    static func make(name: String, sql: String, ddl: String = ChatwootSchema.ddl) throws -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("\(name).sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: ddl + sql) }
        try queue.close()
        return (directory, path)
    }

    /// Adds user 1, an administrator of account 1, whose token is returned.
    static func addAdmin(to path: String, token: String) throws -> String {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO users (id, name) VALUES (1, 'Admin');
                INSERT INTO account_users (account_id, user_id, role) VALUES (1, 1, 1);
                INSERT INTO access_tokens (owner_type, owner_id, token) VALUES ('User', 1, ?);
                """, arguments: [token])
        }
        try queue.close()
        return token
    }
}
