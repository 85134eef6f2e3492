import ChanstatCore

/// One `[profiles.NAME]` table: the settings a person would otherwise type on every run. Every field is
/// optional; what a profile leaves out falls back to the defaults.
public struct Profile: Equatable, Sendable {
    public var url: String?
    public var account: Int64?
    public var db: String?
    public var tokenFile: String?
    /// `ca_file`: goes with this profile's `url`, like its token file.
    public var caFile: String?
    public var range: RangePreset?
    public var refresh: Double?
    public var color: ColorMode?
    public var statementTimeout: Double?
    /// An IANA zone name, already checked to be one the system knows.
    public var timezone: String?
    /// `web_url`: Chatwoot's web address for this profile's source (conversations' addresses in a list).
    public var webURL: WebAddress?

    public init(url: String? = nil, account: Int64? = nil, db: String? = nil, tokenFile: String? = nil,
                range: RangePreset? = nil, refresh: Double? = nil, color: ColorMode? = nil,
                statementTimeout: Double? = nil, timezone: String? = nil, caFile: String? = nil,
                webURL: WebAddress? = nil) {
        self.webURL = webURL
        self.statementTimeout = statementTimeout
        self.timezone = timezone
        self.caFile = caFile
        self.url = url
        self.account = account
        self.db = db
        self.tokenFile = tokenFile
        self.range = range
        self.refresh = refresh
        self.color = color
    }
}
