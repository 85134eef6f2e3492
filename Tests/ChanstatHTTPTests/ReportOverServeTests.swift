import ChanstatCore
import ChanstatTestSupport
import Foundation
import Testing

/// The built binary end to end: `report --url` against `serve` prints exactly what `report --db` prints.
/// Needs `swift build --product chanstat` first (the test says so if the binary is missing).
@Suite struct ReportOverServeTests {
    @Test func reportOverHTTPPrintsWhatReportOverTheFilePrints() async throws {
        try #require(ChanstatBinary.isBuilt, "build the binary first: swift build --product chanstat")
        let fixture = try Fixture()
        defer { fixture.remove() }
        let server = try ServeProcess(database: fixture.path)
        defer { server.stop() }
        let port = server.port

        let range = ["--since", "\(Fixture.range.since)", "--until", "\(Fixture.range.until)", "--format", "json"]
        let overFile = try ChanstatBinary.run(["report", "--db", fixture.path, "--account", "1"] + range)
        let overHTTP = try ChanstatBinary.run(["report", "--url", "http://127.0.0.1:\(port)", "--account", "1"] + range,
                                              environment: ["CHATWOOT_API_TOKEN": fixture.administrator])
        #expect(overFile.status == 0)
        #expect(overHTTP.status == 0, "\(overHTTP.stderr)")
        #expect(overHTTP.stdout == overFile.stdout)
        #expect(overFile.stdout.hasPrefix("{\"Channel::"))

        let refused = try ChanstatBinary.run(["report", "--url", "http://127.0.0.1:\(port)", "--account", "1"] + range,
                                             environment: ["CHATWOOT_API_TOKEN": fixture.agent])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr == "chanstat: http://127.0.0.1:\(port) does not let this token read the reports of account 1 "
                + "(the server says: You are not authorized to do this action): use the token of an administrator of that account\n")
        #expect(!refused.stderr.contains(fixture.agent))

        // SIGTERM: a graceful shutdown, exit status 0; the first line named the port.
        let (status, stdout) = server.stop()
        #expect(status == 0)
        #expect(stdout.hasPrefix("chanstat serve: listening on http://127.0.0.1:\(port)\n"))
    }
}
