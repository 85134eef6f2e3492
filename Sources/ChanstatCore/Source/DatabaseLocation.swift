/// What `--db` (or a profile's `db`) names: a SQLite file, or a PostgreSQL database by libpq URL. The one
/// place that tells them apart, so the CLI, the profile and `serve` cannot disagree.
public enum DatabaseLocation: Equatable, Sendable {
    case sqliteFile(path: String)
    case postgres(url: String)

    public static let postgresSchemes = ["postgres://", "postgresql://"]

    public init(_ text: String) {
        self = Self.postgresSchemes.contains(where: text.hasPrefix) ? .postgres(url: text) : .sqliteFile(path: text)
    }
}
