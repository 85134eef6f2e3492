import ArgumentParser
import ChanstatConfig
import ChanstatCore

/// How failures leave the process (README "Command line"): one line on stderr; exit 2 for bad usage or an invalid
/// range, 1 for a source failure.
enum CLIFailure {
    /// A range error, carried through `run()` so the exit status is 2 and the words are docs/report.md's.
    struct InvalidRange: Error { let error: RangeError }

    /// The dashboard started without the terminal it needs: exit 1, as the dashboard's own "needs a terminal".
    struct NoTerminal: Error { let message: String }

    static func range<T>(_ body: () throws(RangeError) -> T) throws -> T {
        do { return try body() } catch { throw InvalidRange(error: error) }
    }

    /// The message and exit status for anything a command threw.
    static func outcome(of error: any Error, command: any ParsableCommand.Type) -> (message: String, status: Int32) {
        switch error {
        case let failure as InvalidRange:
            return ("chanstat: \(failure.error.message)", 2)
        case let failure as SourceError:
            // A source named wrongly (a password in a database URL) is the person's words: exit 2.
            // No refresh follows in a command that ends here: the sentence without its "on the next refresh".
            return ("chanstat: \(failure.messageWithoutRefresh)", failure.kind == .usage ? 2 : 1)
        case let failure as NoTerminal:
            return ("chanstat: \(failure.message)", 1)
        case let failure as StandardOutput.WriteFailure:
            return ("chanstat: \(failure.message)", 1)
        // The settings are the person's own words, like flags: bad usage, exit 2.
        case let failure as ConfigError:
            return ("chanstat: \(failure)", 2)
        case let failure as SettingsError:
            return ("chanstat: \(failure.message)", 2)
        default:
            let code = command.exitCode(for: error)
            if code == .success { return (command.fullMessage(for: error), 0) }
            // One line on stderr (README "Command line"): the parser's sentence, without the usage block it appends;
            // a list of allowed values ("  - today" lines) is folded into that line.
            let lines = command.message(for: error).split(separator: "\n").map { $0.drop(while: { $0 == " " }) }
            let choices = lines.dropFirst().filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
            let sentence = lines.first.map { choices.isEmpty ? String($0) : "\($0) \(choices.joined(separator: ", "))" } ?? ""
            let message = sentence.isEmpty ? "" : "chanstat: \(sentence)"
            // swift-argument-parser uses 64 (EX_USAGE) for bad usage; docs/report.md says 2.
            return (message, code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
