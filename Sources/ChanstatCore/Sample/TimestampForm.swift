/// How a Chatwoot-shaped SQLite file stores `conversations.created_at`: Unix seconds, or Rails/pg_dump UTC
/// text (`YYYY-MM-DD HH:MM:SS`, optional fraction). `sample` writes one form per file, but a file may mix them
/// (rows appended by another tool): the SQLite report counts both, comparing text rows with `utcText` of the
/// bounds (`ReportQuery`). PostgreSQL's bounds are bound as timestamps instead (`UTCTimestamp`); only
/// `sample --out postgres://` uses `utcText` there, in the rows it copies in.
public enum TimestampForm: String, Sendable, Equatable {
    case unixSeconds
    case utcText

    /// `YYYY-MM-DD HH:MM:SS` in UTC: the wall-clock text Rails writes for an instant.
    public static func utcText(_ seconds: Int64) -> String {
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let date = CivilDate(daysSinceEpoch: Int(days))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(date) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
    }
}
