/// How a count moved from the previous period (docs/report.md): `now - before` with a sign, and for totals the
/// relative change as a whole percent, or `new` when there was nothing before.
public struct Change: Equatable, Sendable {
    /// Said next to the changes wherever they are shown (the text table, the dashboard, docs/report.md): counts
    /// are by status now, so the older period has had longer to reach its end state (Open rises, Resolved falls).
    public static let statusChangesNote = "Status changes are mostly age: the older period has had longer to be resolved."

    public let now: Int64
    public let before: Int64

    public init(now: Int64, before: Int64) {
        self.now = now
        self.before = before
    }

    /// `now - before`; nil only if that does not fit in 64 bits (counts are never negative, so it always does).
    public var delta: Int64? {
        let (difference, overflow) = now.subtractingReportingOverflow(before)
        return overflow ? nil : difference
    }

    public enum Relative: Equatable, Sendable {
        /// Nothing before: a percentage would be infinite.
        case new
        /// Rounded half away from zero: +0.5% is +1%, -0.5% is -1%.
        case percent(Int64)
    }

    /// Nil when neither period has anything (no row would show it).
    public var relative: Relative? {
        guard before != 0 else { return now == 0 ? nil : .new }
        guard let delta else { return nil }
        // Exact integer rounding: 100 * delta / before, half away from zero, without floating point.
        let (scaled, overflow) = delta.multipliedReportingOverflow(by: 100)
        guard !overflow else {
            // Counts this large are not real data; say the nearest percent that fits rather than trap.
            let (coarse, overflowAgain) = (delta / before).multipliedReportingOverflow(by: 100)
            return .percent(overflowAgain ? (delta > 0 ? .max : .min) : coarse)
        }
        let quotient = scaled / before, remainder = scaled % before
        let roundsAway = 2 * remainder.magnitude >= before.magnitude
        return .percent(roundsAway ? quotient + (scaled < 0 ? -1 : 1) : quotient)
    }

    /// "+3", "-2", "0": the sign is always there, so the change reads without colour.
    public var deltaText: String {
        guard let delta else { return "?" }
        return delta > 0 ? "+\(delta)" : "\(delta)"
    }

    /// "+50%", "-33%", "0%", "new".
    public var relativeText: String {
        switch relative {
        case .new?: return "new"
        case .percent(let value)?: return value > 0 ? "+\(value)%" : "\(value)%"
        case nil: return ""
        }
    }
}
