/// Automatic refresh: how often, whether paused, and which timer is the current one.
public struct RefreshSettings: Equatable, Sendable {
    /// Defaults when `--refresh` is not given: a local file is cheap to query, and so is one indexed query on
    /// a database (once a minute per dashboard); a Chatwoot server is someone else's machine (Chatwoot's own
    /// reports screen does not poll at all), so it is asked less often.
    public static let defaultForFile: Double = 60
    public static let defaultForServer: Double = 300

    /// What `+` and `-` step through.
    public static let steps: [Double] = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600]

    public var intervalSeconds: Double
    public var paused: Bool
    /// Bumped whenever the timer is cancelled or re-armed; a tick carrying an older one is ignored.
    public var timerGeneration: Int

    public init(intervalSeconds: Double, paused: Bool = false) {
        self.intervalSeconds = max(1, intervalSeconds)
        self.paused = paused
        timerGeneration = 0
    }

    /// The next step up (or down) from the current interval, which need not be a step itself.
    public func steppedInterval(faster: Bool) -> Double {
        if faster {
            return Self.steps.last { $0 < intervalSeconds } ?? intervalSeconds
        }
        return Self.steps.first { $0 > intervalSeconds } ?? intervalSeconds
    }
}
