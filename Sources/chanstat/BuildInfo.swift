/// What `--version` prints.
enum BuildInfo {
    static let version = "0.1.0"
    static let versionLine = "chanstat \(version)"
}
