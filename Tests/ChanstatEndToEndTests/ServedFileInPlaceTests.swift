import ChanstatTestSupport
import Foundation
import Testing

/// `serve` over a file written in place (issue 19: `cp new.sqlite served.sqlite`, `cat new > served.sqlite`;
/// the inode kept), cut to nothing and rewritten, and a FIFO renamed over it while it runs. Before, serve kept
/// answering with the old file's numbers (its cache is keyed on SQLite's data_version, which only counts
/// commits made through SQLite) and a FIFO at the path hung it for good, SIGTERM included.
@Suite struct ServedFileInPlaceTests {
    static let weekA = ServedFixture.weekA
    static let token = ServedFixture.token

    /// The report JSON `report` gets from `arguments` (a `--db` or a `--url`), for week A.
    static func json(_ source: [String]) throws -> String {
        let run = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/timeout"),
                                       ["-s", "KILL", "60", ChanstatBinary.path, "report"] + source + weekA
                                        + ["--format", "json"],
                                       environment: ChanstatBinary.environment(token))
        try ensure(run.status == 0, "report \(source) ended \(run.status): \(run.stderr)")
        return run.stdout
    }

    /// The HTTP status and body of week A's summary, bounded: 000 when nothing came back in time.
    static func answer(_ serve: ServeProcess) throws -> (status: String, body: String) {
        let url = serve.url + "/api/v2/accounts/1/summary_reports/channel?since=1767571200&until=1768176000"
        let run = try Shell.run("curl", ["-s", "--max-time", "30", "-w", "\n%{http_code}",
                                         "-H", "Api-Access-Token: \(DashboardFixture.token)", url])
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (String(lines.last ?? ""), lines.dropLast().joined(separator: "\n"))
    }

    @Test func bytesWrittenOverTheServedFileInPlaceAreServed() async throws {
        try await OffThePool.run {
            let files = try InPlaceVariant.writeLookAlikes()
            defer { files.forEach { $0.remove() } }
            let (served, open, resolved) = (files[0], files[1], files[2])
            let expected = try files.map { try Self.json(["--db", $0.path]) }
            try ensure(Set(expected).count == 3, "the three versions must differ for the test to mean anything")
            let serve = try ServeProcess(database: served.path)
            let url = ["--url", serve.url]

            try ensure(try Self.json(url) == expected[0], "the first file, served")
            try InPlaceVariant.copy(open.path, over: served.path)
            try ensure(try Self.json(url) == expected[1], "after cp")
            try InPlaceVariant.cat(resolved.path, over: served.path)
            try ensure(try Self.json(url) == expected[2], "after cat >")
            try ensure(serve.stop().status == 0, "serve ended with a failure")
        }
    }

    /// Cut to nothing (503: a copy in progress), then bytes that are not a database (an error), then the whole
    /// file again: answered from the whole file on the next request, not from what was cached or opened before.
    @Test func aFileCutThenCorruptThenWholeAgainIsServedWhole() async throws {
        try await OffThePool.run {
            let served = try InPlaceVariant.outsideWeekA.write(), whole = try InPlaceVariant.openInWeekA.write()
            defer { served.remove(); whole.remove() }
            let expected = try Self.json(["--db", whole.path])
            let serve = try ServeProcess(database: served.path)
            try ensure(try Self.answer(serve).status == "200", "the first file, served")

            try ensure(truncate(served.path, 0) == 0, "truncate")
            try ensure(try Self.answer(serve).status == "503", "an empty file is 503")
            // The whole file's first page (its header and schema), then zeros where its tables were.
            var bytes = try Data(contentsOf: URL(fileURLWithPath: whole.path))
            bytes.replaceSubrange(4096..<bytes.count, with: Data(count: bytes.count - 4096))
            try bytes.write(to: URL(fileURLWithPath: served.path))  // in place: Data.write without .atomic
            let corrupt = try Self.answer(serve)
            try ensure(corrupt.status != "200" && corrupt.status != "000", "\(corrupt)")

            try InPlaceVariant.cat(whole.path, over: served.path)
            try ensure(try Self.json(["--url", serve.url]) == expected, "the whole file again, served")
            try ensure(serve.stop().status == 0, "serve ended with a failure")
        }
    }

    /// A FIFO renamed over the served file: refused on the request (503, the reason in the body or the log),
    /// never opened, and serve still ends on SIGTERM.
    @Test func aFIFORenamedOverTheServedFileIsRefusedAndServeStillStops() async throws {
        try await OffThePool.run {
            let served = try InPlaceVariant.outsideWeekA.write()
            defer { served.remove() }
            let serve = try ServeProcess(database: served.path)
            try ensure(try Self.answer(serve).status == "200", "the first file, served")

            let fifo = served.directory.appendingPathComponent("incoming").path
            try ensure(mkfifo(fifo, 0o600) == 0, "mkfifo")
            try ensure(rename(fifo, served.path) == 0, "rename")
            let refused = try Self.answer(serve)
            try ensure(refused.status == "503", "\(refused)")
            try ensure((refused.body + serve.log).contains("dash.sqlite is now a FIFO (named pipe), not a regular file"),
                   "\(refused.body)\n\(serve.log)")

            kill(serve.pid, SIGTERM)
            try ensure(ProcessProbe.waitForEnd(serve.pid, timeout: .seconds(15)), "serve did not end on SIGTERM")
        }
    }
}
