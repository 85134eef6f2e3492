import ChanstatCore
import ChanstatTestSupport
import Foundation
import Testing

/// Issue 5, item 6: every command that takes a token, with known tokens, and a search of everything chanstat
/// printed, logged and wrote for them. The dashboard's side (its screen and its log) is searched in
/// DashboardOverHTTPTests.
@Suite(.timeLimit(.minutes(2)), .enabled(if: ChanstatBinary.isBuilt, "needs swift build first"))
struct TokenNeverShownTests {
    /// Everything one scenario produced, under a name that says where it came from.
    struct Output { let source: String; let text: String }

    @Test func noCommandPrintsLogsOrWritesTheToken() async throws {
        let fixture = try Fixture(conversations: 300)
        defer { fixture.remove() }
        let unknown = "chanstat-unknown-token-\(UUID().uuidString)"
        let valid = fixture.administrator
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var outputs: [Output] = []

        let server = try ServeProcess(database: fixture.path)
        let refusing = try ScriptedServer(ScriptedServer.answer(401, #"{"error":"Invalid Access Token"}"#))
        defer { refusing.stop() }
        let stopped = try ReservedPort()

        let range = ["--account", "1", "--since", "\(Fixture.range.since)", "--until", "\(Fixture.range.until)"]
        func report(_ name: String, url: String, token: String?, extra: [String] = [], expectStatus: Int32) throws {
            let run = try ChanstatBinary.run(["report", "--url", url] + range + extra,
                                             environment: token.map { ["CHATWOOT_API_TOKEN": $0] } ?? [:], directory: work)
            #expect(run.status == expectStatus, "\(name): \(run.stderr)")
            outputs += [Output(source: "\(name) stdout", text: run.stdout), Output(source: "\(name) stderr", text: run.stderr)]
        }
        try report("report against serve", url: server.url, token: valid, expectStatus: 0)
        try report("report with an unknown token", url: server.url, token: unknown, expectStatus: 1)
        try report("report against a stopped port", url: "http://127.0.0.1:\(stopped.port)", token: valid, expectStatus: 1)
        try report("report against a 401 server", url: "http://127.0.0.1:\(refusing.port)", token: unknown, expectStatus: 1)

        let privateFile = try Self.tokenFile(valid, mode: 0o600), sharedFile = try Self.tokenFile(unknown, mode: 0o644)
        defer {
            for file in [privateFile, sharedFile] { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        }
        try report("report --token-file 0600", url: server.url, token: nil, extra: ["--token-file", privateFile.path], expectStatus: 0)
        try report("report --token-file 0644", url: server.url, token: nil, extra: ["--token-file", sharedFile.path], expectStatus: 1)
        #expect(outputs.last?.text.contains("may be read by others") == true)

        // serve itself receiving both tokens, under both header spellings.
        for token in [valid, unknown] {
            for header in ["api_access_token", "Api-Access-Token"] {
                let answer = try await fetch(server.url + "/api/v2/accounts/1/summary_reports/channel?since=\(Fixture.range.since)"
                                             + "&until=\(Fixture.range.until)", headers: [(header, token)])
                #expect(answer.status == (token == valid ? 200 : 401))
                outputs.append(Output(source: "serve's answer to \(header)", text: answer.body))
            }
        }
        let (status, serveStdout) = server.stop()
        #expect(status == 0)
        outputs += [Output(source: "serve stdout", text: serveStdout), Output(source: "serve log", text: server.log)]
        #expect(server.log.contains("GET /api/v2/accounts/1/summary_reports/channel 401"), "serve logged nothing to search")
        outputs += try Self.filesWritten(in: work) + Self.filesWritten(in: server.directory)

        for output in outputs {
            #expect(!output.text.contains(valid), "the valid token appears in \(output.source)")
            #expect(!output.text.contains(unknown), "the unknown token appears in \(output.source)")
        }
    }

    static func tokenFile(_ token: String, mode: Int) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("token")
        try Data((token + "\n").utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return file
    }

    /// Every file under `directory` (the commands' working directory and $TMPDIR), as text.
    static func filesWritten(in directory: URL) throws -> [Output] {
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.compactMap { file in
            (try? Data(contentsOf: file)).map { Output(source: "file \(file.lastPathComponent)", text: String(decoding: $0, as: UTF8.self)) }
        }
    }
}
