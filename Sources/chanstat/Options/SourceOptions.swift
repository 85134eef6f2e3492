import ArgumentParser
import ChanstatCore
import ChanstatSQLite
import Foundation

/// SOURCE of SPEC section 5: a SQLite file, a Chatwoot server, or nothing (the built-in demo).
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A Chatwoot-shaped SQLite file (opened read-only).", valueName: "file"))
    var db: String?

    @Option(help: ArgumentHelp("The account id; required with --url, and with a file that has several accounts.",
                               valueName: "id"))
    var account: Int64?

    func validate() throws {
        if let account, account < 0 { throw ValidationError("--account must be a positive id") }
    }

    /// Opens the chosen source; a `SourceError` says what is wrong with it.
    func makeSource(calendar: LocalCalendar) throws -> any ReportSource {
        if let db { return try SQLiteReportSource(path: db, accountID: account) }
        return try SQLiteReportSource.demo(calendar: calendar)
    }
}
