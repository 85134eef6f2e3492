import ChanstatCore
import Foundation

/// libpq's password file (`~/.pgpass`, or `$PGPASSFILE`): lines of `host:port:database:user:password`,
/// each of the first four a literal or `*`, `\` escaping `:` and `\`, the first matching line wins. As libpq
/// does, a file that others may read is ignored with a warning: a password there is no longer a secret; so is one
/// that is not a regular file or is over 1 MB (SPEC 14), without being read.
enum PasswordFile {
    /// The password (nil when the file has no line for the target, or was not read), and a warning for a file
    /// that is ignored; `read` says the file was read, so that a missing password can say where it was looked for.
    static func lookup(path: String, for target: PostgresTarget) -> (password: String?, warning: String?, read: Bool) {
        let file = InputFile(path, role: "password file")
        let contents: InputFile.Contents
        do {
            contents = try file.contents(atMost: InputFile.documentLimit)
        } catch {
            // As libpq: no file, or one this user may not read, says nothing; a FIFO or a huge file is named.
            switch error.reason {
            case .missing, .unreadable: return (nil, nil, false)
            case .notRegular, .tooLarge: return (nil, "\(error.message); it is ignored", false)
            }
        }
        guard contents.permissions & (S_IRWXG | S_IRWXO) == 0 else {
            return (nil, "password file \(TerminalSafeText.sanitize(path, maxCharacters: 80)) has group or world "
                    + "access; it is ignored (permissions should be u=rw, chmod 600)", false)
        }
        guard let text = contents.text else { return (nil, nil, false) }
        return (password(in: text, for: target), nil, true)
    }

    /// The host a line is compared with: the host name, or for a socket "localhost" when it is the default
    /// socket directory and the directory itself otherwise (libpq's rule).
    static func hostKey(for target: PostgresTarget) -> (host: String, port: Int) {
        switch target.endpoint {
        case let .tcp(host, port): return (host, port)
        case let .socket(directory, port):
            return (directory == PostgresTarget.defaultSocketDirectory ? "localhost" : directory, port)
        }
    }

    static func password(in text: String, for target: PostgresTarget) -> String? {
        let (host, port) = hostKey(for: target)
        let wanted = [host, String(port), target.database, target.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count >= 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in field == "*" || field == value }
            if matches { return fields[4] }
        }
        return nil
    }

    /// Splits on unescaped ':' into at most five fields; the password keeps any further ':'.
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false }
            else if character == "\\" { escaped = true }
            else if character == ":" && fields.count < 4 { fields.append(current); current = "" }
            else { current.append(character) }
        }
        fields.append(current)
        return fields
    }
}
