import Foundation

/// The built `chanstat` binary (`swift build` puts it in .build/debug), run to its end.
public enum ChanstatBinary {
    public static let url = PackageRoot.file(".build/debug/chanstat")
    public static var path: String { url.path }
    public static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// The environment every run starts from: `TestEnvironment.minimal` (UTC, C.UTF-8, a scratch HOME, nothing
    /// of the runner's such as NO_COLOR or a config file), and a crash that prints its report and ends rather
    /// than waiting for a debugger. `extra` wins.
    public static func environment(_ extra: [String: String] = [:],
                                   parent: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        TestEnvironment.minimal(adding: ["SWIFT_BACKTRACE": "interactive=no"].merging(extra) { $1 }, parent: parent)
    }

    /// Runs `chanstat arguments…` and waits for it. `directory`, when given, is both the working directory
    /// and $TMPDIR, so anything the command writes lands where the test can look.
    /// `parent`: as for `ChildProcess.run`.
    public static func run(_ arguments: [String], environment extra: [String: String] = [:],
                           parent: [String: String] = ProcessInfo.processInfo.environment,
                           directory: URL? = nil) throws -> ProcessResult {
        guard isBuilt else { throw MissingBinary(path: path) }
        var environment = environment(extra, parent: parent)
        if let directory { environment["TMPDIR"] = directory.path }
        return try ChildProcess.run(url, arguments, environment: environment, parent: parent, directory: directory)
    }

    public struct MissingBinary: Error, CustomStringConvertible {
        public let path: String
        public init(path: String) { self.path = path }
        public var description: String { "\(path) is missing: run `swift build` before these tests" }
    }
}
