import Foundation

/// What the commands print on stdout, written through the throwing API. `FileHandle.write(_:)` traps on a
/// write error, so `report > /dev/full` (or a full disk under a cron job's redirect) crashed with a backtrace
/// instead of saying so; and `print` ignores the error, so the command claimed success.
enum StandardOutput {
    struct WriteFailure: Error {
        let reason: String
        var message: String { "cannot write to standard output: \(reason)" }
    }

    static func write(_ text: String) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code
            throw WriteFailure(reason: code.map { String(cString: strerror(Int32($0))) } ?? error.localizedDescription)
        }
    }
}
