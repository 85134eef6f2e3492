import ChanstatCore

/// What the command line said, before profiles and defaults: nil means "not given".
public struct CommandLineSettings: Equatable, Sendable {
    public var profile: String?
    public var db: String?
    public var url: String?
    public var account: Int64?
    public var tokenFile: String?
    /// `--ca-file`: a PEM bundle of certificate authorities trusted for the server, besides the system's.
    public var caFile: String?
    public var insecureHTTP = false
    /// `--demo`: the built-in demo data, asked for by name (what `report` needs to read it).
    public var demo = false
    /// `--statement-timeout`, seconds (PostgreSQL sources only).
    public var statementTimeout: Double?
    /// `--range`; `--since`/`--until` are not here because no profile overrides a custom range.
    public var range: RangePreset?
    public var refresh: Double?
    public var color: ColorMode?
    /// `--timezone ZONE`, or "UTC" for `--utc`: an IANA name, already checked.
    public var timeZone: String?
    /// `--web-url`: Chatwoot's web address, for the conversations' addresses in a list.
    public var webURL: String?

    public init() {}
}

/// Which source to read, after precedence.
public enum SourceSetting: Equatable, Sendable {
    /// Nothing named a source: the built-in demo data, on `--account` (it has two accounts; 1 unless told).
    case demo(account: Int64?)
    case file(path: String, account: Int64?)
    /// Chatwoot's PostgreSQL database, by libpq URL (docs/postgres.md).
    case postgres(url: String, account: Int64?)
    /// `tokenFile` nil means the token comes from `$CHATWOOT_API_TOKEN`; `caFile` nil, the system's CAs alone.
    case server(url: String, account: Int64, tokenFile: String?, insecureHTTP: Bool, caFile: String? = nil)
}

/// The settings a command runs with: every value decided, by flags > environment > profile > defaults.
public struct Settings: Equatable, Sendable {
    public var source: SourceSetting
    /// The preset to show when the command line gave no `--since`/`--until`.
    public var rangePreset: RangePreset
    public var refreshSeconds: Double
    public var color: ColorMode
    /// How long the database may take over one report (PostgreSQL's statement_timeout).
    public var statementTimeoutSeconds: Double
    /// The profile that was used, if any (shown in messages).
    public var profileName: String?
    /// The IANA zone dates, presets and headers use; nil: the process's local zone (`$TZ`, else the machine's).
    public var timeZone: String?
    /// Chatwoot's web address, from which a listed conversation gets its address; nil when not known.
    public var webAddress: WebAddress?

    public init(source: SourceSetting, rangePreset: RangePreset, refreshSeconds: Double, color: ColorMode,
                statementTimeoutSeconds: Double = StatementTimeoutLimits.defaultSeconds, profileName: String?,
                timeZone: String? = nil, webAddress: WebAddress? = nil) {
        self.timeZone = timeZone
        self.webAddress = webAddress
        self.source = source
        self.statementTimeoutSeconds = statementTimeoutSeconds
        self.rangePreset = rangePreset
        self.refreshSeconds = refreshSeconds
        self.color = color
        self.profileName = profileName
    }
}

extension Settings {
    /// The calendar of `timeZone`: the named zone, or the local one.
    public var calendar: LocalCalendar {
        timeZone.flatMap { LocalCalendar(zoneNamed: $0) } ?? LocalCalendar()
    }
}

/// A combination of settings that cannot run, e.g. `--token-file` with no server to send the token to.
public struct SettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
