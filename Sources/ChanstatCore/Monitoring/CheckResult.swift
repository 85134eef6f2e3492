/// The outcome of `chanstat check`, by the Monitoring Plugins Development Guidelines: one line, the service
/// state first, perfdata after `|`, and the state as the exit status.
public enum CheckState: Int32, Sendable {
    case ok = 0, warning = 1, critical = 2, unknown = 3

    public var word: String {
        switch self {
        case .ok: return "OK"
        case .warning: return "WARNING"
        case .critical: return "CRITICAL"
        case .unknown: return "UNKNOWN"
        }
    }
}

public struct CheckResult: Equatable, Sendable {
    public let state: CheckState
    /// The line printed on stdout, without the newline.
    public let line: String

    public var exitCode: Int32 { state.rawValue }

    /// The plugin's name at the start of every line.
    public static let serviceName = "CHANSTAT"

    /// The value judged against the thresholds: critical first, then warning (the guidelines' order).
    /// `scope` names the channel when the check is for one ("on Email"), nil for the whole account.
    public static func judge(_ metric: CheckMetric, value: Int64, scope: String?, warning: ThresholdRange?,
                             critical: ThresholdRange?) -> CheckResult {
        let number = Double(value)
        let state: CheckState = critical?.alerts(number) == true ? .critical
            : warning?.alerts(number) == true ? .warning : .ok
        let words = metric.phrase(value) + (scope.map { " on \($0)" } ?? "")
        // label=value[unit];warn;crit;min;max, max left out: a queue has no ceiling.
        let perfdata = "\(metric.perfdataLabel)=\(value)\(metric.unit);\(warning?.text ?? "");\(critical?.text ?? "");0"
        return CheckResult(state: state, line: "\(serviceName) \(state.word) - \(words) | \(perfdata)")
    }

    /// UNKNOWN with the reason on the same line: a source that failed, options that are wrong, a number the
    /// source cannot give.
    public static func unknown(_ reason: String) -> CheckResult {
        CheckResult(state: .unknown, line: "\(serviceName) UNKNOWN - \(TerminalSafeText.sanitize(reason, maxCharacters: 400))")
    }
}
