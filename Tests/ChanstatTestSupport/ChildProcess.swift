import Foundation

/// What a finished child process printed, and how it ended.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// The lines of stderr, without the final newline.
    public var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }
}

/// The one way the tests run a program to its end: stdin from /dev/null, stdout and stderr into files (never a
/// terminal, and a program that prints a lot cannot stall on a full pipe while the other is read).
public enum ChildProcess {
    /// The child's environment is `TestEnvironment.minimal` plus `environment` (which wins); `parent` is where
    /// PATH comes from (a test of the isolation passes a hostile one). `directory` is the working directory.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                           parent: [String: String] = ProcessInfo.processInfo.environment,
                           directory: URL? = nil) throws -> ProcessResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = TestEnvironment.minimal(adding: environment, parent: parent)
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                             stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

extension ChildProcess {
    /// A command line that runs `program arguments…` (appended) after closing every descriptor above stderr.
    /// For a server the tests start (pg_ctl's postgres, nginx): Foundation's Process learns that a child ended
    /// when a socket the child inherited closes, so a server holding an inherited descriptor would make a wait
    /// (its starter's, or another test's child's) last as long as the server.
    public static let closingInheritedDescriptors = [
        "/bin/bash", "-c",
        #"for fd in /dev/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@""#, "bash",
    ]
}

/// Tools other than chanstat (bash, groff, ldd, unshare, sqlite3), found on PATH.
public enum Shell {
    /// Whether `tool` is on PATH.
    public static func exists(_ tool: String) -> Bool {
        (try? run("sh", ["-c", "command -v \(tool)"]).status) == 0
    }

    /// `environment`: added to `TestEnvironment.minimal`, as for `ChildProcess.run`.
    public static func run(_ tool: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String] = [:]) throws -> ProcessResult {
        try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), [tool] + arguments, environment: environment,
                             directory: directory)
    }
}
