/// Reads a WHEN (README "Command line"): Unix seconds, `YYYY-MM-DD`, or an ISO 8601 date-time.
///
/// A date means local midnight (the calendar's zone); as an `until` it means the end of that day, which in a
/// half-open range is the next day's midnight. A date-time without an offset is wall-clock time in the zone.
public struct WhenParser: Sendable {
    public let calendar: LocalCalendar

    public init(calendar: LocalCalendar = LocalCalendar()) {
        self.calendar = calendar
    }

    /// Parses one bound; `field` decides what a bare date means and names the field in errors.
    public func parse(_ raw: String, as field: RangeField) throws(RangeError) -> Int64 {
        let text = raw.trimmingASCIIWhitespace()
        guard !text.isEmpty else { throw .missing(field) }
        let bytes = Array(text.utf8)
        if bytes.allSatisfy(\.isASCIIDigit) {
            // Eight digits that make a day (docs/report.md) are refused whatever the range: read as seconds they
            // would be a moment in 1970, silently, whenever the other bound happened to make the range valid.
            if let guess = NumberGuess.guess(text), case .dateWithoutDashes = guess {
                throw .misreadNumber(field, text: text, guess: guess)
            }
            guard bytes.count <= 18, let seconds = Int64(text) else { throw .notAWhen(field, text: raw) }
            return seconds
        }
        var scanner = Scanner(bytes)
        guard let date = scanner.civilDate() else { throw .notAWhen(field, text: raw) }
        if scanner.atEnd {
            return calendar.startOfDay(field == .until ? date.adding(days: 1) : date)
        }
        guard scanner.take(anyOf: [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")]),
              let time = scanner.timeOfDay() else { throw .notAWhen(field, text: raw) }
        let offset: Int?
        if scanner.atEnd {
            offset = nil
        } else if let parsed = scanner.utcOffset(), scanner.atEnd {
            offset = parsed
        } else {
            throw .notAWhen(field, text: raw)
        }
        let wholeSeconds: Int64
        if let offset {
            wholeSeconds = Int64(date.daysSinceEpoch) * 86_400
                + Int64(time.hour * 3600 + time.minute * 60 + time.second) - Int64(offset)
        } else {
            wholeSeconds = calendar.instant(of: date, hour: time.hour, minute: time.minute, second: time.second)
        }
        // Timestamps are whole seconds: `x >= s.5` is `x >= s+1`, so a fraction rounds up for either bound.
        return wholeSeconds + (time.hasFraction ? 1 : 0)
    }

    /// A bare `YYYY-MM-DD` and nothing else (no Unix seconds, no time of day): for options that name a day,
    /// where ten digits of Unix seconds must not pass for a date.
    public static func civilDate(_ raw: String) -> CivilDate? {
        var scanner = Scanner(Array(raw.trimmingASCIIWhitespace().utf8))
        guard let date = scanner.civilDate(), scanner.atEnd else { return nil }
        return date
    }

    /// Both bounds, validated by the one rule of docs/report.md.
    public func range(since: String?, until: String?) throws(RangeError) -> DateRange {
        guard let since else { throw .missing(.since) }
        guard let until else { throw .missing(.until) }
        let start = try parse(since, as: .since)
        let end = try parse(until, as: .until)
        do {
            return try DateRange(since: start, until: end)
        } catch {
            // A range made impossible by milliseconds says so, rather than "too long" (a date without dashes
            // never gets here: `parse` refuses it).
            for (field, text) in [(RangeField.since, since), (.until, until)] {
                let trimmed = text.trimmingASCIIWhitespace()
                if let guess = NumberGuess.guess(trimmed) { throw .misreadNumber(field, text: trimmed, guess: guess) }
            }
            throw error
        }
    }
}

private struct TimeOfDay {
    var hour: Int, minute: Int, second: Int, hasFraction: Bool
}

/// A strict left-to-right reader over ASCII bytes: exact digit counts, no leniency.
private struct Scanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func take(anyOf choices: [UInt8]) -> Bool {
        guard position < bytes.count, choices.contains(bytes[position]) else { return false }
        position += 1
        return true
    }

    mutating func take(_ byte: Character) -> Bool { take(anyOf: [byte.asciiValue!]) }

    mutating func digits(_ count: Int) -> Int? {
        guard position + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<position + count] {
            guard byte.isASCIIDigit else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        position += count
        return value
    }

    mutating func civilDate() -> CivilDate? {
        guard let year = digits(4), take("-"), let month = digits(2), take("-"), let day = digits(2) else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    mutating func timeOfDay() -> TimeOfDay? {
        guard let hour = digits(2), hour < 24, take(":"), let minute = digits(2), minute < 60 else { return nil }
        var time = TimeOfDay(hour: hour, minute: minute, second: 0, hasFraction: false)
        guard take(":") else { return time }
        guard let second = digits(2), second < 60 else { return nil }
        time.second = second
        if take(anyOf: [UInt8(ascii: "."), UInt8(ascii: ",")]) {
            let start = position
            while position < bytes.count, bytes[position].isASCIIDigit { position += 1 }
            guard position > start else { return nil }
            time.hasFraction = bytes[start..<position].contains { $0 != UInt8(ascii: "0") }
        }
        return time
    }

    /// `Z`, `+HH`, `+HHMM` or `+HH:MM`, as seconds east of UTC.
    mutating func utcOffset() -> Int? {
        if take(anyOf: [UInt8(ascii: "Z"), UInt8(ascii: "z")]) { return 0 }
        let sign: Int
        if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return nil }
        guard let hours = digits(2), hours <= 23 else { return nil }
        var minutes = 0
        if !atEnd {
            _ = take(":")
            guard let parsed = digits(2), parsed < 60 else { return nil }
            minutes = parsed
        }
        return sign * (hours * 3600 + minutes * 60)
    }
}

extension UInt8 {
    var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
