import ChanstatCore
import GRDB

extension TimestampForm {
    /// The value to compare `created_at` with for an instant. Fixed-width UTC text sorts like time,
    /// and a fraction sorts after its whole second, so string comparison keeps `since <= t < until` exact.
    func bound(_ seconds: Int64) -> DatabaseValue {
        switch self {
        case .unixSeconds: return seconds.databaseValue
        case .utcText: return Self.utcText(seconds).databaseValue
        }
    }
}
