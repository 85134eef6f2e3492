import Foundation

/// Runs the built `chanstat` binary (`swift build` puts it in .build/debug) and collects what it printed.
struct ChanstatRun {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The lines of stderr, without the final newline.
    var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }
}

enum ChanstatProcess {
    /// The package root, found from this file: Tests/ChanstatEndToEndTests/ChanstatProcess.swift.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary = packageRoot.appendingPathComponent(".build/debug/chanstat")

    /// Runs `chanstat arguments…` with stdout and stderr going to files (so never a terminal), in UTC unless
    /// `environment` says otherwise, and waits for it.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ChanstatRun {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw MissingBinary(path: binary.path)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout"), errURL = directory.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = "UTC"
        env["LANG"] = "C.UTF-8"
        env["NO_COLOR"] = nil
        // A crash prints its report and ends, rather than waiting for a debugger to attach.
        env["SWIFT_BACKTRACE"] = "interactive=no"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return ChanstatRun(status: process.terminationStatus,
                           stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                           stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    struct MissingBinary: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) is missing: run `swift build` before the end-to-end tests" }
    }
}
