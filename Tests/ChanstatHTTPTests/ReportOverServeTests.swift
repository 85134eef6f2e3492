import ChanstatCore
import Foundation
import Testing

/// The built binary end to end: `report --url` against `serve` prints exactly what `report --db` prints.
/// Needs `swift build --product chanstat` first (the test says so if the binary is missing).
@Suite struct ReportOverServeTests {
    static let binary = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/chanstat").path

    struct Run { let status: Int32; let stdout: String; let stderr: String }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func reportOverHTTPPrintsWhatReportOverTheFilePrints() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary),
                     "build the binary first: swift build --product chanstat")
        let fixture = try Fixture()
        defer { fixture.remove() }

        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.binary)
        server.arguments = ["serve", "--db", fixture.path, "--port", "0"]
        let serverOut = Pipe()
        server.standardOutput = serverOut
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }

        // The first line on stdout names the port the server chose.
        var firstLine = Data()
        while !firstLine.contains(UInt8(ascii: "\n")) {
            let chunk = serverOut.fileHandleForReading.availableData
            try #require(!chunk.isEmpty, "serve exited before listening")
            firstLine += chunk
        }
        let line = String(decoding: firstLine, as: UTF8.self)
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        #expect(line.hasPrefix("chanstat serve: listening on http://127.0.0.1:"))

        let range = ["--since", "\(Fixture.range.since)", "--until", "\(Fixture.range.until)", "--format", "json"]
        let overFile = try Self.run(["report", "--db", fixture.path, "--account", "1"] + range)
        let overHTTP = try Self.run(["report", "--url", "http://127.0.0.1:\(port)", "--account", "1"] + range,
                                    environment: ["CHATWOOT_API_TOKEN": fixture.administrator])
        #expect(overFile.status == 0)
        #expect(overHTTP.status == 0, "\(overHTTP.stderr)")
        #expect(overHTTP.stdout == overFile.stdout)
        #expect(overFile.stdout.hasPrefix("{\"Channel::"))

        let refused = try Self.run(["report", "--url", "http://127.0.0.1:\(port)", "--account", "1"] + range,
                                   environment: ["CHATWOOT_API_TOKEN": fixture.agent])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr == "chanstat: http://127.0.0.1:\(port) does not let this token read the reports of account 1 "
                + "(the server says: You are not authorized to do this action): use the token of an administrator of that account\n")
        #expect(!refused.stderr.contains(fixture.agent))

        // SIGTERM: a graceful shutdown, exit status 0.
        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationReason == .exit)
        #expect(server.terminationStatus == 0)
    }
}
