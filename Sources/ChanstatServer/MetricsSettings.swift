import ChanstatCore

/// What `/metrics` exports and how long a reading is kept (docs/monitoring.md): serve's `--metrics-ranges`, its
/// time zone (`TZ`), and its cache period (`--cache-seconds`).
public struct MetricsSettings: Sendable {
    /// The ranges of `chatwoot_conversations_created`, as presets read in `calendar`'s zone at each reading.
    public var ranges: [RangePreset]
    public var calendar: LocalCalendar
    /// How long one account's reading answers every scrape: any number of scrapers cost the database at most
    /// one set of queries per account in this period.
    public var lifetime: Duration

    public init(ranges: [RangePreset] = MetricsRanges.standard, calendar: LocalCalendar = LocalCalendar(),
                lifetime: Duration = .seconds(5)) {
        self.ranges = ranges
        self.calendar = calendar
        self.lifetime = lifetime
    }

    /// A scrape by a token that was authorised this recently still gets `chanstat_source_up 0` (200) when the
    /// source fails, rather than an error (SPEC 13); an older or unknown token gets the error.
    public static let recentAuthorisation: Duration = .seconds(600)
}
