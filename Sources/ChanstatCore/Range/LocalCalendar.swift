import Foundation

/// Turns civil dates and wall-clock times into instants in one time zone, and back.
/// Local time (or UTC with `--utc`) is chosen once and passed in, so tests can set any zone.
public struct LocalCalendar: Sendable {
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(timeZone: TimeZone = LocalCalendar.processTimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    public static let utc = LocalCalendar(timeZone: TimeZone(identifier: "UTC")!)

    /// The instant of a wall-clock time on a day. In a daylight-saving gap Foundation moves forward to
    /// the first time that exists, which is what a person means by "midnight" on such a day.
    public func instant(of date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64 {
        let components = DateComponents(year: date.year, month: date.month, day: date.day,
                                        hour: hour, minute: minute, second: second)
        guard let resolved = calendar.date(from: components) else {
            // Unreachable for valid civil dates; fall back to UTC arithmetic rather than crash.
            return Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        }
        return Int64(resolved.timeIntervalSince1970.rounded(.down))
    }

    public func startOfDay(_ date: CivilDate) -> Int64 { instant(of: date) }

    public func civilDate(at instant: Int64) -> CivilDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(instant)))
        return CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CivilDate(daysSinceEpoch: Int(instant / 86_400))
    }

    public func today(now: Date) -> CivilDate {
        civilDate(at: Int64(now.timeIntervalSince1970.rounded(.down)))
    }

    /// `YYYY-MM-DD HH:MM` in this zone, for headers and tables.
    public func dateTimeString(at instant: Int64) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: Date(timeIntervalSince1970: TimeInterval(instant)))
        let hour = parts.hour ?? 0, minute = parts.minute ?? 0
        return "\(civilDate(at: instant)) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }

    /// `HH:MM:SS` in this zone: a time a person waits for (the next refresh a server asked for).
    public func timeOfDayString(at instant: Int64) -> String {
        let parts = calendar.dateComponents([.hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(instant)))
        return [parts.hour, parts.minute, parts.second].map { value in
            let number = value ?? 0
            return (number < 10 ? "0" : "") + String(number)
        }.joined(separator: ":")
    }

    /// The last day a half-open range includes: the day of `until - 1`.
    public func lastIncludedDay(of range: DateRange) -> CivilDate {
        civilDate(at: range.until - 1)
    }

    /// Foundation names UTC "GMT" (even its identifier); --utc and TZ=UTC should say what was asked for.
    var isUTC: Bool { ["UTC", "Etc/UTC", "GMT", "Etc/GMT"].contains(timeZone.identifier) }

    /// A short zone name at one instant ("UTC", "GMT+2"); headers use `zoneName`, which holds for a whole range.
    public func zoneAbbreviation(at instant: Int64) -> String {
        if isUTC { return "UTC" }
        return timeZone.abbreviation(for: Date(timeIntervalSince1970: TimeInterval(instant))) ?? timeZone.identifier
    }
}
