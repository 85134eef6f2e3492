import ArgumentParser
import ChanstatCore

/// How failures leave the process (SPEC section 5): one line on stderr; exit 2 for bad usage or an invalid
/// range, 1 for a source failure.
enum CLIFailure {
    /// A range error, carried through `run()` so the exit status is 2 and the words are the SPEC's.
    struct InvalidRange: Error { let error: RangeError }

    static func range<T>(_ body: () throws(RangeError) -> T) throws -> T {
        do { return try body() } catch { throw InvalidRange(error: error) }
    }

    /// A bad option value that reuses a range rule (e.g. `sample --end`): bad usage, exit 2.
    static func usage<T>(_ body: () throws(RangeError) -> T) throws -> T {
        do { return try body() } catch { throw ValidationError(error.message) }
    }

    /// The message and exit status for anything a command threw.
    static func outcome(of error: any Error, command: any ParsableCommand.Type) -> (message: String, status: Int32) {
        switch error {
        case let failure as InvalidRange:
            return ("chanstat: \(failure.error.message)", 2)
        case let failure as SourceError:
            return ("chanstat: \(failure.message)", 1)
        default:
            let code = command.exitCode(for: error)
            let message = command.fullMessage(for: error)
            if code == .success { return (message, 0) }
            // swift-argument-parser uses 64 (EX_USAGE) for bad usage; the SPEC says 2, and one line.
            guard code == .validationFailure else { return (message, code.rawValue) }
            return ("chanstat: \(firstLine(of: message)) (see --help)", 2)
        }
    }

    /// The argument parser's first sentence, without its "Error: " prefix.
    static func firstLine(of message: String) -> String {
        let line = message.split(separator: "\n").first.map(String.init) ?? message
        return line.hasPrefix("Error: ") ? String(line.dropFirst("Error: ".count)) : line
    }
}
