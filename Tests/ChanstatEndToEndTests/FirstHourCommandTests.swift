import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// Issue 14, "The first hour": what a new user hits on the command line, through the real binary.
@Suite(.serialized) struct FirstHourCommandTests {
    /// A sample file of one account (10 days to 2026-01-10, Unix seconds, with the recommended index).
    func sample(_ scratch: Scratch, _ name: String = "s.sqlite", extra: [String] = []) throws -> String {
        let path = scratch.path(name)
        let run = try ChanstatBinary.run(["sample", "--out", path, "--conversations", "400", "--accounts", "1",
                                          "--days", "10", "--end", "2026-01-10", "--seed", "3"] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return path
    }

    func reportJSON(_ path: String) throws -> ProcessResult {
        try ChanstatBinary.run(["report", "--db", path, "--since", "2026-01-01", "--until", "2026-01-10",
                                "--format", "json"])
    }

    // MARK: item 3

    /// A file of Unix seconds into which another tool wrote text timestamps: every row still counts, with the
    /// index and without it.
    @Test func rowsInTheOtherTimestampFormAreCounted() throws {
        let scratch = try Scratch()
        let path = try sample(scratch)
        let allUnix = try reportJSON(path)
        #expect(allUnix.status == 0, "\(allUnix.stderr)")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "UPDATE conversations SET created_at = strftime('%Y-%m-%d %H:%M:%S', created_at, "
                           + "'unixepoch') WHERE id % 2 = 0")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conversations WHERE typeof(created_at) = 'text'")
                    ?? 0 > 100)
        }
        let mixed = try reportJSON(path)
        #expect(mixed.status == 0 && mixed.stderr == "")
        #expect(mixed.stdout == allUnix.stdout)
        try queue.write { db in try db.execute(sql: "DROP INDEX index_conversations_on_account_inbox_status_created") }
        try queue.close()
        #expect(try reportJSON(path).stdout == allUnix.stdout)
    }

    // MARK: item 5

    @Test func theDemoDataHonoursAccount() throws {
        let one = try ChanstatBinary.run(["report", "--demo", "--range", "30d"])
        let two = try ChanstatBinary.run(["report", "--demo", "--account", "2", "--range", "30d"])
        #expect(one.status == 0 && two.status == 0, "\(two.stderr)")
        #expect(one.stdout.hasPrefix("built-in demo data, account 1 ("))
        #expect(two.stdout.hasPrefix("built-in demo data, account 2 ("), "\(two.stdout)")
        let three = try ChanstatBinary.run(["report", "--demo", "--account", "3"])
        #expect(three.status == 1)
        #expect(three.stderr.hasPrefix("chanstat: built-in demo data has no account 3; accounts: 1 ("), "\(three.stderr)")
    }

    // MARK: item 6

    /// Ctrl-C or SIGTERM in the middle of writing: the scratch file beside --out is gone too.
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedSampleLeavesNothing(_ signalNumber: Int32) throws {
        let scratch = try Scratch()
        let process = Process()
        process.executableURL = ChanstatBinary.url
        process.arguments = ["sample", "--out", scratch.path("big.sqlite"), "--conversations", "20000000"]
        process.environment = ChanstatBinary.environment()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let partial = scratch.path("big.sqlite.partial-\(process.processIdentifier)")
        var waited = 0
        while !FileManager.default.fileExists(atPath: partial), waited < 600, process.isRunning {
            usleep(50_000)
            waited += 1
        }
        #expect(FileManager.default.fileExists(atPath: partial))
        usleep(200_000)
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + signalNumber)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == [])
    }

    // MARK: item 7

    /// A WAL-mode file in a directory the reader may not write (run as `nobody`; root may write anywhere).
    @Test(.enabled(if: getuid() == 0 && Shell.exists("runuser")))
    func aWALModeFileInAReadOnlyDirectorySaysWhatToDo() throws {
        let scratch = try Scratch()
        let path = try sample(scratch, "w.sqlite")
        let queue = try DatabaseQueue(path: path)
        _ = try queue.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
        try queue.close()
        chmod(scratch.url.path, 0o755)
        chmod(path, 0o644)
        let run = try ChildProcess.run(URL(fileURLWithPath: "/usr/sbin/runuser"),
                                       ["-u", "nobody", "--", ChanstatBinary.path, "report", "--db", path,
                                        "--range", "7d"], environment: ChanstatBinary.environment())
        #expect(run.status == 1)
        #expect(run.stderr == "chanstat: cannot read w.sqlite: it is a WAL-mode file, and SQLite must create "
                + "w.sqlite-shm and w.sqlite-wal beside it to read one, in a directory you may not write; copy the "
                + "file to a directory you can write, or have its owner run sqlite3 w.sqlite "
                + "'PRAGMA journal_mode=DELETE'\n")
    }

    // MARK: items 9 and 10

    @Test func aProxyThatRefusesIsNamed() throws {
        let closed = try ReservedPort()
        let run = try ChanstatBinary.run(["report", "--url", "https://chat.example.com", "--account", "1"],
                                         environment: ["HTTPS_PROXY": "http://127.0.0.1:\(closed.port)",
                                                       "CHATWOOT_API_TOKEN": "t"])
        #expect(run.status == 1)
        #expect(run.stderr == "chanstat: cannot connect to the proxy http://127.0.0.1:\(closed.port) (from "
                + "$HTTPS_PROXY) on the way to https://chat.example.com: connection refused; check $HTTPS_PROXY, "
                + "or add the host to NO_PROXY if it is reached without a proxy\n")
    }

    @Test func aProxySettingThatIsNotAnAddressIsRefused() throws {
        let run = try ChanstatBinary.run(["report", "--url", "https://chat.example.com", "--account", "1"],
                                         environment: ["https_proxy": "proxy internal:80", "CHATWOOT_API_TOKEN": "t"])
        #expect(run.status == 2)
        #expect(run.stderr == "chanstat: $https_proxy \"proxy internal:80\" is not a proxy address: give it as "
                + "http://HOST:PORT (or socks5://HOST:PORT), or unset it\n")
    }

    @Test func aWrongPathPrefixIsNamed() throws {
        let scratch = try Scratch()
        let server = try ServeProcess(database: try sample(scratch))
        let run = try ChanstatBinary.run(["report", "--url", server.url + "/chatwoot", "--account", "1",
                                          "--range", "7d"], environment: ["CHATWOOT_API_TOKEN": "t"])
        #expect(run.status == 1)
        #expect(run.stderr == "chanstat: nothing answers at /chatwoot/api/v2/accounts/1/summary_reports/channel on "
                + "\(server.url) (HTTP 404): check the path /chatwoot in --url\n")
        server.stop()
    }

    // MARK: item 11

    @Test(arguments: [
        (["--since", "2026-01-01", "--until", "2026-08-01"],
         "chanstat: Date range cannot exceed 6 months (182.6 days); this range is 213.0 days"),
        (["--since", "20261101", "--until", "2026-11-30"],
         "chanstat: since \"20261101\" is not taken as Unix seconds (a moment in 1970): a date without dashes? write 2026-11-01"),
        (["--since", "1793491200000", "--until", "1793577600000"],
         "chanstat: since \"1793491200000\" is read as Unix seconds (tens of thousands of years away): "
            + "milliseconds? write 1793491200"),
    ])
    func rangeErrorsSayWhatWasGiven(_ arguments: [String], _ message: String) throws {
        let run = try ChanstatBinary.run(["report", "--demo"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderrLines == [Substring(message)])
    }

    // MARK: item 12

    @Test(arguments: ["chat.example.com", "http://chat.example.com", "https://me:secret@chat.example.com"])
    func aMistakenURLIsBadUsage(_ url: String) throws {
        let run = try ChanstatBinary.run(["report", "--url", url, "--account", "1"],
                                         environment: ["CHATWOOT_API_TOKEN": "t"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("chanstat: --url "))
    }

    @Test func helpForAnUnknownCommandIsAnError() throws {
        let run = try ChanstatBinary.run(["help", "bogus"])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr == "chanstat: help: there is no command \"bogus\"; the commands are dashboard, report, "
                + "check, serve, sample\n")
        let known = try ChanstatBinary.run(["help", "report"])
        #expect(known.status == 0 && known.stdout.contains("USAGE: chanstat report"))
    }

    // MARK: item 20

    @Test func sampleSaysOneAccountAndRefusesADirectory() throws {
        let scratch = try Scratch()
        let run = try ChanstatBinary.run(["sample", "--out", scratch.path("one.sqlite"), "--conversations", "10",
                                          "--accounts", "1", "--days", "1", "--end", "2026-01-10"])
        #expect(run.stdout.hasPrefix("Wrote \(scratch.path("one.sqlite")): 10 conversations, 1 account, 1 day to 2026-01-10 ("))
        let directory = try ChanstatBinary.run(["sample", "--out", scratch.url.path, "--force"])
        #expect(directory.status == 1)
        #expect(directory.stderr == "chanstat: \(scratch.url.path) is a directory: give --out the name of the "
                + "file to write, e.g. \(scratch.path("sample.sqlite"))\n")
    }

    @Test func serveLogsNoFrameworkStartupLine() throws {
        let scratch = try Scratch()
        let server = try ServeProcess(database: try sample(scratch))
        let stopped = server.stop()
        #expect(stopped.stdout.hasPrefix("chanstat serve: listening on "))
        #expect(!server.log.contains("Server started"), "\(server.log)")
    }

    @Test func serveNamesTheAccessTableItNeeds() throws {
        let scratch = try Scratch()
        let path = try sample(scratch)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "DROP TABLE users") }
        try queue.close()
        let run = try ChanstatBinary.run(["serve", "--db", path, "--port", "0"])
        #expect(run.status == 1)
        #expect(run.stderr == "chanstat: s.sqlite has no table \"users\", which serve needs to decide who may read the "
                + "reports (report and the dashboard do not; see sample-data/schema.sql)\n")
        #expect(try reportJSON(path).status == 0)
    }

    @Test func anEmptyTokenFileIsNamed() throws {
        let scratch = try Scratch()
        let file = scratch.path("token")
        #expect(FileManager.default.createFile(atPath: file, contents: Data("\n".utf8)))
        chmod(file, 0o600)
        let run = try ChanstatBinary.run(["report", "--url", "https://chat.example.com", "--account", "1",
                                          "--token-file", file])
        #expect(run.status == 1)
        #expect(run.stderr == "chanstat: the token file \(file) is empty\n")
    }

    @Test func aFractionalRefreshIsRefused() throws {
        let run = try ChanstatBinary.run(["dashboard", "--demo", "--refresh", "1.5"])
        #expect(run.status == 2)
        #expect(run.stderr == "chanstat: --refresh must be a whole number from 1 to 86400 seconds\n")
    }
}
