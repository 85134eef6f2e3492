import ArgumentParser
import ChanstatCore
import ChanstatHTTP
import ChanstatSQLite
import Foundation

/// SOURCE of SPEC section 5: a SQLite file, a Chatwoot server, or nothing (the built-in demo).
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A Chatwoot-shaped SQLite file (opened read-only).", valueName: "file"))
    var db: String?

    @Option(help: ArgumentHelp("A Chatwoot server's base address, e.g. https://chat.example.com "
                               + "(token from $CHATWOOT_API_TOKEN or --token-file).", valueName: "base-url"))
    var url: String?

    @Option(help: ArgumentHelp("The account id; required with --url, and with a file that has several accounts.",
                               valueName: "id"))
    var account: Int64?

    @Option(help: ArgumentHelp("A file holding the access token for --url; only you may read it (chmod 600).",
                               valueName: "file"))
    var tokenFile: String?

    @Flag(help: "Allow a plain http:// --url to another machine (the token then crosses the network unencrypted).")
    var insecureHTTP = false

    func validate() throws {
        if let account, account < 0 { throw ValidationError("--account must be a positive id") }
        if db != nil, url != nil { throw ValidationError("use either --db or --url, not both") }
        if url != nil, account == nil { throw ValidationError("--url needs --account ID") }
        if url == nil, tokenFile != nil || insecureHTTP {
            throw ValidationError("--token-file and --insecure-http go with --url")
        }
    }

    /// Opens the chosen source; a `SourceError` says what is wrong with it.
    func makeSource(calendar: LocalCalendar) throws -> any ReportSource {
        if let url, let account {
            let endpoint = try ChatwootEndpoint(url, insecureHTTP: insecureHTTP)
            let token = try APIToken.load(tokenFile: tokenFile, environment: ProcessInfo.processInfo.environment)
            return ChatwootAPISource(endpoint: endpoint, accountID: account, token: token)
        }
        if let db { return try SQLiteReportSource(path: db, accountID: account) }
        return try SQLiteReportSource.demo(calendar: calendar)
    }
}
