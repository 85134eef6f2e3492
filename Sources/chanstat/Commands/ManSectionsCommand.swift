import ArgumentParser
import ChanstatCore
import ChanstatDashboard
import ChanstatHTTP

/// `chanstat man-sections` (hidden): the man page's KEYS, ENVIRONMENT, FILES and EXIT STATUS sections in mdoc,
/// which swift-argument-parser's generator does not write. scripts/generate-docs puts them into docs/chanstat.1;
/// KEYS comes from the dashboard's key table.
struct ManSectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "man-sections", abstract: "Print the man page sections the generator does not write.",
        shouldDisplay: false)

    func run() throws {
        try StandardOutput.write(Self.mdoc)
    }

    static var mdoc: String {
        var lines = [".Sh KEYS", "In the dashboard (the same table drives its footer and its", ".Sy ?", "screen):",
                     ".Bl -tag -width 12n"]
        for (keys, action) in DashboardKeys.help {
            // "[  ]" is spaced for the help screen's columns; mdoc would squeeze the spaces to nothing.
            let spaced = keys.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            lines += [".It Sy \(escaped(spaced))", escaped(action)]
        }
        lines += [".El"]
        lines += [".Sh ENVIRONMENT", ".Bl -tag -width 6n"]
        for (names, meaning) in environment {
            lines += [".It " + names.map { "Ev \($0)" }.joined(separator: " , "), meaning]
        }
        lines += [".El"]
        lines += [".Sh FILES", ".Bl -tag -width 6n",
                  ".It Pa ~/.config/chanstat/config.toml",
                  "Profiles and defaults (or", ".Pa $XDG_CONFIG_HOME/chanstat/config.toml ) ;", "see docs/config.md.",
                  ".It Pa ~/.pgpass",
                  "Passwords for a postgres:// --db, as libpq reads it (ignored if others may read it).",
                  ".It Pa FILE.partial-PID",
                  "What sample writes before renaming it to FILE; removed on failure, Ctrl-C, SIGTERM and SIGHUP.",
                  ".El"]
        lines += [".Sh EXIT STATUS",
                  "0 success; 2 bad usage or an invalid range (a flag, a --url without a scheme or with a user or",
                  "password, a proxy variable that is not an address, help for an unknown command); 1 a source",
                  "failure (file, database, network, server refusal). Each failure is one line on stderr.",
                  ".Pp",
                  "check, a monitoring plugin, exits as the Monitoring Plugins Development Guidelines say: 0 OK,",
                  "1 WARNING, 2 CRITICAL, 3 UNKNOWN (a source failure or wrong options), with its one line on stdout."]
        return lines.joined(separator: "\n") + "\n"
    }

    static let environment: [([String], String)] = [
        ([APIToken.environmentVariable], "The access token for --url (or --token-file FILE)."),
        (["CHANSTAT_PROFILE"], "The profile to use when --profile is not given."),
        (["HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"], "Proxies for --url, read as curl reads them (lower case wins); "
            + "a value that is not an address is refused."),
        (["SSL_CERT_FILE"], "Certificate authorities to trust instead of the system's."),
        (["PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGPASSFILE", "PGSSLMODE", "PGSSLROOTCERT",
          "PGCONNECT_TIMEOUT", "PGAPPNAME", "PGTZ"], "For a postgres:// --db, as psql reads them; see docs/postgres.md."),
        (["TZ"], "The time zone of dates, presets and headers, unless --timezone or a profile says."),
        (["NO_COLOR"], "Draw without colour (as --color never)."),
        (["XDG_CONFIG_HOME"], "Where the config file is looked for."),
    ]

    /// mdoc reads a line that starts with a dot or an apostrophe as a request; text lines are otherwise literal.
    private static func escaped(_ text: String) -> String {
        (text.hasPrefix(".") || text.hasPrefix("'") ? "\\&" : "") + text
    }
}
