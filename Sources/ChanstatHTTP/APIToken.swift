import ChanstatCore
import Foundation

/// The Chatwoot access token: from `$CHATWOOT_API_TOKEN` or a file, never from an argument (where `ps`
/// and shell history would show it). Its description is redacted, so printing one by mistake shows nothing.
public struct APIToken: Sendable, Equatable, CustomStringConvertible {
    public static let environmentVariable = "CHATWOOT_API_TOKEN"

    let value: String

    /// `origin` says where the token came from, for the sentence when it is unusable.
    public init(_ value: String, origin: String = "the access token") throws(SourceError) {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw SourceError(.refused, "\(origin) is empty") }
        // A header value cannot hold line breaks or control characters; refuse rather than send half a token.
        guard trimmed.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value < 0x7F }) else {
            throw SourceError(.refused, "\(origin) has spaces or characters that cannot be sent in a header")
        }
        self.value = trimmed
    }

    public var description: String { "<access token>" }

    /// `--token-file` when given, else the environment; an error that says where to put it otherwise.
    public static func load(tokenFile: String?, environment: [String: String]) throws(SourceError) -> APIToken {
        if let tokenFile { return try read(file: tokenFile) }
        if let value = environment[environmentVariable] {
            return try APIToken(value, origin: "the access token in $\(environmentVariable)")
        }
        throw SourceError(.refused, "no access token: set $\(environmentVariable) or use --token-file FILE "
                          + "(a file only you can read)")
    }

    /// Refuses a file that group or others may read or write, as ssh does with private keys; and anything that
    /// is not a regular file of at most 4 KB, before reading it (see `InputFile`).
    static func read(file path: String) throws(SourceError) -> APIToken {
        let file = InputFile(path, role: "token file")
        let contents: InputFile.Contents
        do {
            contents = try file.contents(atMost: InputFile.tokenLimit)
        } catch {
            throw error.sourceError(.refused)
        }
        let shown = TerminalSafeText.sanitize(path, maxCharacters: 80)
        guard contents.permissions & 0o077 == 0 else {
            let mode = String(contents.permissions & 0o777, radix: 8)
            throw SourceError(.refused, "the token file \(shown) may be read by others (mode \(mode)); "
                              + "run: chmod 600 \(shown)")
        }
        guard let text = contents.text else {
            throw SourceError(.refused, "cannot read the token file \(shown): it must hold the token as one line of text")
        }
        return try APIToken(text, origin: "the token file \(shown)")
    }
}
