import Foundation

/// `created_at` as Chatwoot's Rails writes it, `YYYY-MM-DD HH:MM:SS` in UTC, by Foundation (not by the code under
/// test): for fixtures built around an instant.
public enum RailsTime {
    public static func text(_ seconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
