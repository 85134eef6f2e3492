import ChanstatCore
@testable import ChanstatPostgres
import Foundation
import Testing

/// SPEC 14 "Files are files" for the files libpq's conventions name: the password file (`~/.pgpass`,
/// `$PGPASSFILE`) and the root certificate (`sslrootcert`). A FIFO is never opened (before, reading the password
/// file waited on it for ever) and a file over 1 MB is refused by its size, with a sentence that names it.
@Suite struct InputFilesTests {
    let home: String

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-files-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    func resolve(_ url: String, _ variables: [String: String] = [:]) throws -> (PostgresTarget, [String]) {
        try PostgresAddress.resolve(url, environment: .init(variables: variables, userName: "ops", homeDirectory: home))
    }

    @Test func aFIFOAsThePasswordFileIsIgnoredWithAWarning() throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(mkfifo(home + "/.pgpass", 0o600) == 0)
        let (target, warnings) = try resolve("postgres://ops@h/db")
        #expect(target.password == nil)
        #expect(warnings == ["the password file \(home)/.pgpass is a FIFO (named pipe), not a regular file; it is ignored"])
    }

    @Test func aPasswordFileOverOneMegabyteIsIgnoredUnread() throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        let path = home + "/big"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("*:*:*:ops:secret\n".utf8),
                                               attributes: [.posixPermissions: 0o600]))
        #expect(truncate(path, 2 << 20) == 0)
        let (target, warnings) = try resolve("postgres://ops@h/db", ["PGPASSFILE": path])
        #expect(target.password == nil)
        #expect(warnings == ["the password file \(path) is 2 MB; a password file is at most 1 MB; it is ignored"])
    }

    @Test func aFIFOAsTheRootCertificateIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        let root = home + "/root.crt"
        #expect(mkfifo(root, 0o600) == 0)
        let (target, _) = try resolve("postgres://ops@h/db?sslmode=verify-full&sslrootcert=\(root)")
        #expect(throws: SourceError(.usage, "the root certificate file \(root) is a FIFO (named pipe), not a regular file "
                                    + "(sslrootcert, PGSSLROOTCERT or ~/.postgresql/root.crt)")) {
            try TLSSetup.context(for: target)
        }
    }
}
