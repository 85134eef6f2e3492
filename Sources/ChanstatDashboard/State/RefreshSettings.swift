import ChanstatCore

/// Automatic refresh: how often, whether paused, and which timer is the current one.
public struct RefreshSettings: Equatable, Sendable {
    /// What `+` and `-` step through.
    public static let steps: [Double] = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600]

    public var intervalSeconds: Double
    public var paused: Bool
    /// Bumped whenever the timer is cancelled or re-armed; a tick carrying an older one is ignored.
    public var timerGeneration: Int

    public init(intervalSeconds: Double, paused: Bool = false) {
        self.intervalSeconds = max(RefreshLimits.range.lowerBound, intervalSeconds)
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
