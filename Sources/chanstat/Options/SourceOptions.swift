import ArgumentParser
import ChanstatConfig
import ChanstatCore
import ChanstatHTTP
import ChanstatPostgres
import ChanstatSQLite
import Foundation

/// SOURCE: a SQLite file, Chatwoot's PostgreSQL database, a Chatwoot server, a profile from the config
/// file, or nothing (the built-in demo). Which one wins is decided by `SettingsResolver`, not here.
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A [profiles.NAME] table of the config file (default: $CHANSTAT_PROFILE, then the "
                               + "file's default_profile); flags given here override it.", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("A Chatwoot-shaped SQLite file (opened read-only), or Chatwoot's PostgreSQL database "
                               + "as postgres://[USER@]HOST[:PORT]/DATABASE[?PARAMS] (password from ~/.pgpass or "
                               + "$PGPASSWORD, never the URL; see docs/postgres.md).", valueName: "file-or-url"))
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

    @Option(help: ArgumentHelp("Certificate authorities (a PEM bundle) to trust for an https --url, besides the "
                               + "system's (or $SSL_CERT_FILE's): a company's own CA.", valueName: "file"))
    var caFile: String?

    @Flag(help: ArgumentHelp("Read the built-in demo data (generated in memory, dates relative to today): what the "
                             + "dashboard shows with no source; report needs it said."))
    var demo = false

    @Flag(help: "Allow a plain http:// --url to another machine (the token then crosses the network unencrypted).")
    var insecureHTTP = false

    @Option(help: ArgumentHelp("With a postgres:// --db: how long the database may take over one report before "
                               + "it cancels it (default 10).", valueName: "seconds"))
    var statementTimeout: Double?

    func validate() throws {
        if let account, !AccountID.isValid(account) { throw ValidationError(AccountID.problem("--account")) }
        if db != nil, url != nil { throw ValidationError("use either --db or --url, not both") }
        if let statementTimeout, StatementTimeoutLimits.validated(statementTimeout) == nil {
            throw ValidationError("--statement-timeout must be \(StatementTimeoutLimits.described) seconds")
        }
        // The rules that depend on a profile (--url needs an account, --token-file needs a server) are the
        // resolver's, which sees the profile too.
    }

    /// Opens the resolved source; a `SourceError` says what is wrong with it. `idleClose` is how long a
    /// database connection may sit unused before it is closed (nil: kept until the process ends).
    static func makeSource(_ settings: Settings, calendar: LocalCalendar,
                           idleClose: Duration? = nil) async throws -> any ReportSource {
        try await opening(settings, calendar: calendar, idleClose: idleClose).open()
    }

    /// How to open a source, and its name until it is open.
    struct Opening: Sendable {
        /// What the header shows while the source cannot be opened: the sources' own names, without what
        /// only opening learns (the account's name).
        let name: String
        let open: @Sendable () async throws -> any ReportSource
    }

    /// Everything that can be checked without reaching the source (a URL, a token file, PG* variables and
    /// ~/.pgpass, whose warnings go to stderr now, before a screen is taken), and the part that reaches it,
    /// which the dashboard repeats on each refresh while the source is down.
    static func opening(_ settings: Settings, calendar: LocalCalendar, idleClose: Duration? = nil) throws -> Opening {
        func named(_ name: String, account: Int64?) -> String {
            TerminalSafeText.sanitize(name, maxCharacters: 60) + (account.map { ", account \($0)" } ?? "")
        }
        switch settings.source {
        case let .server(url, account, tokenFile, insecureHTTP, caFile):
            let environment = ProcessInfo.processInfo.environment
            let endpoint = try ChatwootEndpoint(url, insecureHTTP: insecureHTTP)
            let token = try APIToken.load(tokenFile: tokenFile, environment: environment)
            let trust = try CertificateTrust(caFile: caFile, environment: environment)
            // Reaches nothing until the first report: a server that is down is already tried on each refresh.
            let source = try ChatwootAPISource(endpoint: endpoint, accountID: account, token: token,
                                               environment: environment, trust: trust)
            return Opening(name: source.displayName) { source }
        case let .file(path, account):
            return Opening(name: named((path as NSString).lastPathComponent, account: account)) {
                try SQLiteReportSource(path: path, accountID: account)
            }
        case let .postgres(url, account):
            let (target, statementTimeout) = try postgresTarget(url: url, statementTimeout: settings.statementTimeoutSeconds)
            let database = TerminalSafeText.sanitize(target.database, maxCharacters: 40)
            return Opening(name: named("\(database) on \(target.address)", account: account)) {
                let session = PostgresSession(target: target, statementTimeout: statementTimeout, readOnly: true,
                                              idleClose: idleClose)
                return try await PostgresReportSource.open(session: session, accountID: account)
            }
        case .demo(let account):
            let source = try SQLiteReportSource.demo(calendar: calendar, accountID: account ?? 1)
            return Opening(name: source.displayName) { source }
        }
    }

    /// The session for a `postgres://` URL: libpq's rules for the rest (PG* variables, ~/.pgpass), whose
    /// warnings (a password file others can read) go to stderr before anything else happens.
    static func postgresSession(url: String, statementTimeout: Double, readOnly: Bool = true,
                                idleClose: Duration?) throws -> PostgresSession {
        let (target, timeout) = try postgresTarget(url: url, statementTimeout: statementTimeout)
        return PostgresSession(target: target, statementTimeout: timeout, readOnly: readOnly, idleClose: idleClose)
    }

    private static func postgresTarget(url: String, statementTimeout: Double) throws -> (PostgresTarget, Duration) {
        let (target, warnings) = try PostgresAddress.resolve(url, environment: .current)
        for warning in warnings {
            try? FileHandle.standardError.write(contentsOf: Data("chanstat: warning: \(warning)\n".utf8))
        }
        return (target, .milliseconds(Int64(statementTimeout * 1000)))
    }
}
