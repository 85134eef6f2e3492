import Testing
import Foundation

/// The built `chanstat` binary (`swift build` puts it in .build/debug): one-shot runs, and `serve` as a
/// child process that a test talks to over loopback.
enum ChanstatBinary {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/chanstat").path
    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: path) }

    struct Run { let status: Int32; let stdout: String; let stderr: String }

    /// Runs to the end. `directory`, when given, is both the working directory and $TMPDIR, so anything the
    /// command writes lands where the test can look.
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory {
            process.currentDirectoryURL = directory
            env["TMPDIR"] = directory.path
        }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes drain together, so a full stderr pipe cannot block the child while stdout is read.
        nonisolated(unsafe) var stderr = Data()
        let drained = DispatchGroup()
        DispatchQueue.global().async(group: drained) { stderr = err.fileHandleForReading.readDataToEndOfFile() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// `chanstat serve --db FILE --port 0 …` running as a child: its port (from the first stdout line), its
/// log (stderr, into a file) and its memory, until `stop`.
final class ServeProcess {
    let port: Int
    let directory: URL
    private let process = Process()
    private let stdout: Pipe
    private var firstLine: String

    init(database: String, arguments: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory.appendingPathComponent("stderr").path, contents: nil)
        process.executableURL = URL(fileURLWithPath: ChanstatBinary.path)
        process.arguments = ["serve", "--db", database, "--port", "0"] + arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": directory.path]) { $1 }
        process.standardInput = FileHandle.nullDevice
        stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: directory.appendingPathComponent("stderr"))
        try process.run()
        var seen = Data()
        while !seen.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                process.waitUntilExit()
                throw ServeDidNotStart(log: (try? String(contentsOf: directory.appendingPathComponent("stderr"), encoding: .utf8)) ?? "")
            }
            seen += chunk
        }
        firstLine = String(decoding: seen, as: UTF8.self)
        guard let port = firstLine.split(separator: "\n").first?.split(separator: ":").last.flatMap({ Int($0) }) else {
            throw ServeDidNotStart(log: firstLine)
        }
        self.port = port
    }

    var base: String { "http://127.0.0.1:\(port)" }
    var isRunning: Bool { process.isRunning }
    var pid: Int32 { process.processIdentifier }

    /// What it logged so far: one line per request.
    var log: String { (try? String(contentsOf: directory.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }

    /// Resident memory in KiB, from /proc/PID/status.
    func residentKiB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    /// SIGTERM, then everything it printed on stdout, and its exit status.
    @discardableResult
    func stop() -> (status: Int32, stdout: String) {
        if process.isRunning { process.terminate() }
        let rest = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, firstLine + String(decoding: rest, as: UTF8.self))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    struct ServeDidNotStart: Error { let log: String }
}
