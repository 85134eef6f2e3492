import ChanstatCore

/// A config file that cannot be used: which file, which line when it is known, and what is wrong, so the
/// message reads like a compiler's (`FILE:LINE: problem`) and an editor can jump to it.
///
/// The problem often quotes the file (an unknown key, a profile's name, TOML's own complaint) and the path comes
/// from the environment: both are made safe for a terminal here, once, so no message about a config file can
/// carry an escape sequence or a control character to the screen.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let problem: String

    public init(file: String, line: Int?, problem: String) {
        self.file = TerminalSafeText.sanitize(file, maxCharacters: 1_000)
        self.line = line
        self.problem = TerminalSafeText.sanitize(problem, maxCharacters: 400)
    }

    public var description: String { line.map { "\(file):\($0): \(problem)" } ?? "\(file): \(problem)" }
}
