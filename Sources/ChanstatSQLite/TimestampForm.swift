import ChanstatCore
import GRDB

/// How a file stores `conversations.created_at` (SPEC section 2): Unix seconds, or Rails/pg_dump UTC text
/// (`YYYY-MM-DD HH:MM:SS`, optional fraction). One file uses one form; chanstat looks at a row to tell.
public enum TimestampForm: String, Sendable, Equatable {
    case unixSeconds
    case utcText

    /// The value to compare `created_at` with for an instant. Fixed-width UTC text sorts like time,
    /// and a fraction sorts after its whole second, so string comparison keeps `since <= t < until` exact.
    func bound(_ seconds: Int64) -> DatabaseValue {
        switch self {
        case .unixSeconds: return seconds.databaseValue
        case .utcText: return Self.utcText(seconds).databaseValue
        }
    }

    /// `YYYY-MM-DD HH:MM:SS` in UTC.
    public static func utcText(_ seconds: Int64) -> String {
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let date = CivilDate(daysSinceEpoch: Int(days))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(date) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
    }
}
