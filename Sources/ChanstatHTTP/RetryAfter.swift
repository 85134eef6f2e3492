import Foundation

/// A `Retry-After` header (RFC 9110 section 10.2.3): a number of seconds, or an HTTP date. Read so that the
/// dashboard's next automatic refresh waits at least that long, and `report` can say how long.
struct RetryAfter: Equatable {
    /// A server asking for more than this is taken to mean this: a broken or hostile header must not stop the
    /// dashboard's refreshes for days (and `r` still refreshes at once).
    static let longestWait: Int64 = 3600

    /// Whole seconds from the answer, at least 1.
    let seconds: Int64

    /// nil when there is no header, it cannot be read, or it asks for no wait at all (0, or a date past).
    init?(_ header: String?, now: Date) {
        guard let text = header?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let wait: Int64
        if text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            wait = text.count > 10 ? Self.longestWait : Int64(text) ?? Self.longestWait
        } else if let date = Self.httpDate(text) {
            wait = Int64(date.timeIntervalSince(now).rounded(.up))
        } else {
            return nil
        }
        guard wait > 0 else { return nil }
        seconds = min(wait, Self.longestWait)
    }

    /// The instant to wait for, in Unix seconds (rounded up: never earlier than the server asked).
    func notBefore(now: Date) -> Int64 {
        Int64(now.timeIntervalSince1970.rounded(.up)) + seconds
    }

    /// "30 seconds", "5 minutes": how the wait reads in a sentence.
    var described: String {
        if seconds == 1 { return "1 second" }
        if seconds < 120 { return "\(seconds) seconds" }
        return "\((seconds + 59) / 60) minutes"
    }

    /// The preferred form, `Sun, 06 Nov 1994 08:49:37 GMT`; the obsolete forms are not worth reading here.
    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
