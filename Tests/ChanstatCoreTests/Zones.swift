import ChanstatCore
import Foundation

/// Explicit time zones, never the machine's: every expected instant below was worked out for these zones.
enum Zones {
    static let utc = LocalCalendar.utc
    static let berlin = LocalCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
    static let newYork = LocalCalendar(timeZone: TimeZone(identifier: "America/New_York")!)
    static let tokyo = LocalCalendar(timeZone: TimeZone(identifier: "Asia/Tokyo")!)
}

/// A `Date` from Unix seconds, for `now:` arguments.
func at(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

/// 2026-01-01T00:00:00Z, the anchor most expectations are written from (20,454 days after the epoch).
let jan1st2026: Int64 = 1_767_225_600
