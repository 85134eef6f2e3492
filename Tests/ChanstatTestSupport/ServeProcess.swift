import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `chanstat serve --db FILE --port PORT …` running as a child: its port (from the line it prints when
/// listening), its log (stderr, into a file of its own directory, which is also its $TMPDIR) and its memory,
/// until `stop`. Killed, and its directory removed, on deinit, whatever happened in the test.
public final class ServeProcess {
    public let port: Int
    public let directory: URL
    private let process = Process()
    private let stdout = Pipe()
    private let firstLine: String

    /// Starts the server and waits for the line that says where it listens. `port` 0: any free port.
    /// `environment` is added to the tests' usual one (a `PGPASSWORD`, say). `binary`: the debug build unless
    /// told (the benchmarks run the release one).
    public init(database: String, port requestedPort: Int = 0, arguments: [String] = [],
                environment: [String: String] = [:], binary: URL = ChanstatBinary.url) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let logURL = directory.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        process.executableURL = binary
        process.arguments = ["serve", "--db", database, "--port", String(requestedPort)] + arguments
        process.currentDirectoryURL = directory
        process.environment = ChanstatBinary.environment(environment.merging(["TMPDIR": directory.path]) { $1 })
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: logURL)
        try process.run()
        var seen = Data()
        while !seen.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                process.waitUntilExit()
                throw DidNotStart(description: "serve ended (status \(process.terminationStatus)) before listening "
                                  + "on port \(requestedPort): \((try? String(contentsOf: logURL, encoding: .utf8)) ?? "")")
            }
            seen += chunk
        }
        firstLine = String(decoding: seen, as: UTF8.self)
        let line = firstLine.split(separator: "\n").first.map(String.init) ?? ""
        guard line.hasPrefix("chanstat serve: listening on http://127.0.0.1:"),
              let port = line.split(separator: ":").last.flatMap({ Int($0) }) else {
            process.terminate()
            throw DidNotStart(description: "serve printed \"\(line)\", not the address it listens on")
        }
        self.port = port
    }

    public var url: String { "http://127.0.0.1:\(port)" }
    public var isRunning: Bool { process.isRunning }
    public var pid: Int32 { process.processIdentifier }

    /// What it logged so far: one line per request.
    public var log: String { (try? String(contentsOf: directory.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }

    /// Resident memory in KiB, from /proc/PID/status.
    public func residentKiB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) else {
            throw DidNotStart(description: "no VmRSS line in /proc/\(pid)/status")
        }
        return kib
    }

    /// SIGTERM, then everything it printed on stdout, and its exit status.
    @discardableResult
    public func stop() -> (status: Int32, stdout: String) {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let rest = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, firstLine + String(decoding: rest, as: UTF8.self))
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    public struct DidNotStart: Error, CustomStringConvertible { public let description: String }
}
