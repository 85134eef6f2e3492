import ChanstatCore
import ChanstatDashboard

/// Everything the dashboard needs from the command line.
public struct DashboardOptions: Sendable {
    public var source: any ReportSource
    public var initialRange: RangeChoice
    public var calendar: LocalCalendar
    /// Seconds between automatic refreshes; nil picks `RefreshLimits.defaultForFile` (60 s). A server
    /// source should pass `RefreshLimits.defaultForServer` (300 s) unless `--refresh` says otherwise.
    public var refreshSeconds: Double?
    public var colorMode: ColorMode
    public var forceASCII: Bool
    /// Where logs go while the dashboard owns the screen (opened before it is taken); nil: nowhere.
    public var logFile: LogFile?
    /// Chatwoot's web address (`--web-url`, a profile's `web_url`, the HTTP source's `--url`): a listed
    /// conversation's address is shown under its list. Nil: no addresses.
    public var webAddress: WebAddress?

    public init(source: any ReportSource, initialRange: RangeChoice = .preset(.standard),
                calendar: LocalCalendar = LocalCalendar(), refreshSeconds: Double? = nil,
                colorMode: ColorMode = .auto, forceASCII: Bool = false, logFile: LogFile? = nil,
                webAddress: WebAddress? = nil) {
        self.webAddress = webAddress
        self.source = source
        self.initialRange = initialRange
        self.calendar = calendar
        self.refreshSeconds = refreshSeconds
        self.colorMode = colorMode
        self.forceASCII = forceASCII
        self.logFile = logFile
    }
}
