import Foundation

/// The built `chanstat` binary (`swift build` puts it in .build/debug), run to its end.
public enum ChanstatBinary {
    public static let url = PackageRoot.file(".build/debug/chanstat")
    public static var path: String { url.path }
    public static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// The environment every run starts from: UTC and C.UTF-8 (so dates and widths do not depend on the
    /// machine), no NO_COLOR from the runner, and a crash that prints its report and ends rather than
    /// waiting for a debugger. `extra` wins.
    public static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        environment["LANG"] = "C.UTF-8"
        environment["NO_COLOR"] = nil
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        return environment.merging(extra) { $1 }
    }

    /// Runs `chanstat arguments…` and waits for it. `directory`, when given, is both the working directory
    /// and $TMPDIR, so anything the command writes lands where the test can look.
    public static func run(_ arguments: [String], environment extra: [String: String] = [:],
                           directory: URL? = nil) throws -> ProcessResult {
        guard isBuilt else { throw MissingBinary(path: path) }
        var environment = environment(extra)
        if let directory { environment["TMPDIR"] = directory.path }
        return try ChildProcess.run(url, arguments, environment: environment, directory: directory)
    }

    public struct MissingBinary: Error, CustomStringConvertible {
        public let path: String
        public init(path: String) { self.path = path }
        public var description: String { "\(path) is missing: run `swift build` before these tests" }
    }
}
