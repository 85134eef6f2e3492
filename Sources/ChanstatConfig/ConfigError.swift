/// A config file that cannot be used: which file, which line when it is known, and what is wrong, so the
/// message reads like a compiler's (`FILE:LINE: problem`) and an editor can jump to it.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let problem: String

    public init(file: String, line: Int?, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String { line.map { "\(file):\($0): \(problem)" } ?? "\(file): \(problem)" }
}
