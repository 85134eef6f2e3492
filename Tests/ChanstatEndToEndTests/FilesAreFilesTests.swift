import ChanstatTestSupport
import Foundation
import Testing

/// SPEC 14 "Files are files", through the real binary: a FIFO wherever a file is named (`report --db`, `serve
/// --db`, `--token-file`, the config file) is refused with one sentence, at once; before, open(2) waited for a
/// writer for ever (serve could not even be stopped with SIGTERM). A token file of megabytes is refused by its
/// size; `sample` writes its token-bearing file 0600 and `--force` keeps the mode of the file it replaces.
///
/// Every run is bounded by `timeout -s KILL`: on a build that blocks, the run ends killed (137) and the test
/// fails rather than hanging the suite.
@Suite struct FilesAreFilesTests {
    /// Far beyond a refusal (milliseconds), far below "for ever".
    static let bound = 30

    /// `chanstat arguments…`, killed after `bound` seconds if it has not ended.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> ProcessResult {
        try await OffThePool.run {
            try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/timeout"),
                                 ["-s", "KILL", String(bound), ChanstatBinary.path] + arguments,
                                 environment: ChanstatBinary.environment(environment))
        }
    }

    static func fifo(in scratch: Scratch, _ name: String) throws -> String {
        let path = scratch.path(name)
        try #require(mkfifo(path, 0o600) == 0)
        return path
    }

    @Test func reportRefusesAFIFOAsItsDatabase() async throws {
        let scratch = try Scratch()
        let fifo = try Self.fifo(in: scratch, "chatwoot.sqlite")
        let run = try await Self.run(["report", "--db", fifo, "--account", "1"])
        #expect(run.status == 2, "killed (137) means it waited on the FIFO")
        #expect(run.stderrLines == [Substring("chanstat: \(fifo) is a FIFO (named pipe), not a regular file; "
                                              + "a SQLite database is read only from a file")])
        #expect(run.stdout.isEmpty)
    }

    @Test func serveRefusesAFIFOAtStart() async throws {
        let scratch = try Scratch()
        let fifo = try Self.fifo(in: scratch, "served.sqlite")
        let run = try await Self.run(["serve", "--db", fifo, "--port", "0"])
        #expect(run.status == 2, "killed (137) means it waited on the FIFO")
        #expect(run.stderr.contains("\(fifo) is a FIFO (named pipe), not a regular file"), "\(run.stderr)")
        #expect(!run.stdout.contains("listening"))
    }

    @Test func aFIFOAsTheTokenFileIsRefused() async throws {
        let scratch = try Scratch()
        let fifo = try Self.fifo(in: scratch, "token")
        // Nothing listens on port 9: the token is refused before any connection is tried.
        let run = try await Self.run(["report", "--url", "http://127.0.0.1:9", "--account", "1", "--token-file", fifo])
        #expect(run.status == 1)
        #expect(run.stderrLines == [Substring("chanstat: the token file \(fifo) is a FIFO (named pipe), not a regular file")])
    }

    /// A sparse file: megabytes long, no disk used. Refused by its size, in words that say so (before: read
    /// whole, then "it must hold the token as one line of text").
    @Test func aTokenFileOfMegabytesIsRefusedByItsSize() async throws {
        let scratch = try Scratch()
        let token = scratch.path("token")
        try #require(FileManager.default.createFile(atPath: token, contents: Data("secret".utf8),
                                                    attributes: [.posixPermissions: 0o600]))
        try #require(truncate(token, 5 << 20) == 0)
        let run = try await Self.run(["report", "--url", "http://127.0.0.1:9", "--account", "1", "--token-file", token])
        #expect(run.status == 1)
        #expect(run.stderrLines == [Substring("chanstat: the token file \(token) is 5 MB; a token file is at most 4 KB")])
    }

    @Test func aFIFOAsTheConfigFileIsRefused() async throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("chanstat"), withIntermediateDirectories: true)
        let fifo = try Self.fifo(in: scratch, "chanstat/config.toml")
        let run = try await Self.run(["report", "--demo"], environment: ["XDG_CONFIG_HOME": scratch.url.path,
                                                                         "CHANSTAT_PROFILE": ""])
        #expect(run.status == 2, "killed (137) means it waited on the FIFO")
        #expect(run.stderrLines == [Substring("chanstat: \(fifo): is a FIFO (named pipe), not a regular file")])
    }

    /// The error goes to the terminal: what the file says is shown, its escape sequences are not.
    @Test func aConfigErrorPrintsNoEscapeSequence() async throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("chanstat"), withIntermediateDirectories: true)
        try Data("[profiles.p]\n\"\\u001b]0;pwned\\u0007\\u001b[2J\" = 1\nrange = \"\\u001b[31m7d\"\n".utf8)
            .write(to: URL(fileURLWithPath: scratch.path("chanstat/config.toml")))
        let run = try await Self.run(["report", "--profile", "p"], environment: ["XDG_CONFIG_HOME": scratch.url.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown key '"), "\(run.stderr)")
        #expect(!run.stderr.utf8.contains(0x1B), "\(run.stderr.debugDescription)")
        #expect(!run.stderr.utf8.contains(0x07), "\(run.stderr.debugDescription)")
    }

    /// The sample file holds access tokens: 0600 when new, whatever the umask; `--force` keeps the mode its
    /// owner gave the file it replaces (before, 0600 became 0644).
    @Test func sampleWritesItsFile0600AndForceKeepsTheMode() async throws {
        let scratch = try Scratch()
        let out = scratch.path("sample.sqlite")
        func sample(_ extra: [String] = []) async throws {
            // Under the common umask, which let SQLite create the file 0644.
            let run = try await OffThePool.run {
                try ChildProcess.run(URL(fileURLWithPath: "/bin/sh"),
                                     ["-c", "umask 022; exec \"$@\"", "sh", ChanstatBinary.path, "sample", "--out", out,
                                      "--conversations", "20", "--end", "2026-01-31"] + extra,
                                     environment: ChanstatBinary.environment())
            }
            try #require(run.status == 0, "\(run.stderr)")
        }
        func mode() throws -> Int {
            try #require(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int)
        }
        try await sample()
        #expect(try mode() == 0o600)
        try await sample(["--force"])
        #expect(try mode() == 0o600)
        #expect(chmod(out, 0o640) == 0)
        try await sample(["--force", "--seed", "2"])
        #expect(try mode() == 0o640)
        #expect(try scratch.listing() == ["sample.sqlite"])
    }
}
