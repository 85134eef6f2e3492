import ArgumentParser
import ChanstatConfig
import ChanstatCore
import ChanstatHTTP
import ChanstatSQLite
import Foundation

/// SOURCE of SPEC section 5: a SQLite file, a Chatwoot server, a profile from the config file, or nothing
/// (the built-in demo). Which one wins is decided by `SettingsResolver`, not here.
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A [profiles.NAME] table of the config file (default: $CHANSTAT_PROFILE, then the "
                               + "file's default_profile); flags given here override it.", valueName: "name"))
    var profile: String?

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
        if let account, account <= 0 { throw ValidationError("--account must be a positive id") }
        if db != nil, url != nil { throw ValidationError("use either --db or --url, not both") }
        // The rules that depend on a profile (--url needs an account, --token-file needs a server) are the
        // resolver's, which sees the profile too.
    }

    /// Opens the resolved source; a `SourceError` says what is wrong with it.
    static func makeSource(_ setting: SourceSetting, calendar: LocalCalendar) throws -> any ReportSource {
        switch setting {
        case let .server(url, account, tokenFile, insecureHTTP):
            let endpoint = try ChatwootEndpoint(url, insecureHTTP: insecureHTTP)
            let token = try APIToken.load(tokenFile: tokenFile, environment: ProcessInfo.processInfo.environment)
            return ChatwootAPISource(endpoint: endpoint, accountID: account, token: token)
        case let .file(path, account):
            return try SQLiteReportSource(path: path, accountID: account)
        case .demo:
            return try SQLiteReportSource.demo(calendar: calendar)
        }
    }
}
