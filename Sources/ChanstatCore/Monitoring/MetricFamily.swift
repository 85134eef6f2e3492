/// One family of Prometheus samples, as data: what `/metrics` and `report --format prometheus` print is built
/// as these values (pure, tested with constructed reports), then written in the text format by the exposition
/// (ChanstatServer's `MetricsExposition`).
public struct MetricFamily: Equatable, Sendable {
    public let name: String
    public let help: String
    public var samples: [MetricSample]

    public init(name: String, help: String, samples: [MetricSample] = []) {
        self.name = name
        self.help = help
        self.samples = samples
    }
}

public struct MetricSample: Equatable, Sendable {
    /// Label names and their exact values (a channel type is the database's text; the exposition escapes it).
    public let labels: [MetricLabel]
    public let value: Double

    public init(_ labels: [MetricLabel], _ value: Double) {
        self.labels = labels
        self.value = value
    }
}

public struct MetricLabel: Equatable, Sendable {
    public let name: String
    public let value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
