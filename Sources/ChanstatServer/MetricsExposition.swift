import ChanstatCore
import Prometheus

/// Prometheus' text exposition format (0.0.4) of a set of families, written by swift-prometheus: its registry
/// writes `# HELP` and `# TYPE` once per family and escapes label values (backslash, double quote, line feed)
/// as the format requires. A registry is made per answer, since the families are a snapshot of the source's
/// numbers, not counters this process keeps; swift-prometheus writes families in no set order, which the format
/// allows.
public enum MetricsExposition {
    /// The `Content-Type` of the text format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// `visibleControls`: control characters in label values made visible (U+FFFD), for a terminal only;
    /// everywhere else the values are exact.
    public static func text(_ families: [MetricFamily], visibleControls: Bool = false) -> String {
        let registry = PrometheusCollectorRegistry()
        for family in families {
            for sample in family.samples {
                let labels = sample.labels.map { label in
                    (label.name, visibleControls ? TerminalSafeText.sanitize(label.value, maxCharacters: .max) : label.value)
                }
                let gauge = labels.isEmpty
                    ? registry.makeGauge(name: family.name, help: family.help)
                    : registry.makeGauge(name: family.name, labels: labels, help: family.help)
                gauge.set(sample.value)
            }
        }
        return registry.emitToString()
    }
}
