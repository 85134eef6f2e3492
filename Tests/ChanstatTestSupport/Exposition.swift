import Foundation

/// Prometheus' text format read back by the tests, independently of the code that writes it: the samples with
/// their labels unescaped (`\\`, `\"`, `\n`), and `promtool check metrics` (Debian's `prometheus` package) as
/// the format's own linter.
public struct ExpositionSample: Equatable, Sendable {
    public let name: String
    public let labels: [String: String]
    public let value: Double
}

public enum Exposition {
    /// Every sample line of `text` (comments skipped); nil when a line does not parse.
    public static func samples(_ text: String) -> [ExpositionSample]? {
        var samples: [ExpositionSample] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let sample = sample(Array(line.unicodeScalars)) else { return nil }
            samples.append(sample)
        }
        return samples
    }

    /// The value of the one sample of `name` with exactly these labels; nil when there is none or several.
    public static func value(_ samples: [ExpositionSample], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        let found = samples.filter { $0.name == name && $0.labels == labels }
        return found.count == 1 ? found[0].value : nil
    }

    private static func sample(_ scalars: [Unicode.Scalar]) -> ExpositionSample? {
        var index = 0
        var name = ""
        while index < scalars.count, scalars[index] != "{", scalars[index] != " " {
            name.unicodeScalars.append(scalars[index]); index += 1
        }
        var labels: [String: String] = [:]
        if index < scalars.count, scalars[index] == "{" {
            index += 1
            while index < scalars.count, scalars[index] != "}" {
                var label = ""
                while index < scalars.count, scalars[index] != "=" { label.unicodeScalars.append(scalars[index]); index += 1 }
                index += 1
                guard index < scalars.count, scalars[index] == "\"" else { return nil }
                index += 1
                var value = ""
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\", index + 1 < scalars.count {
                        index += 1
                        switch scalars[index] {
                        case "n": value.unicodeScalars.append("\n")
                        case "\\": value.unicodeScalars.append("\\")
                        case "\"": value.unicodeScalars.append("\"")
                        default: return nil
                        }
                    } else {
                        value.unicodeScalars.append(scalars[index])
                    }
                    index += 1
                }
                index += 1
                labels[label] = value
                if index < scalars.count, scalars[index] == "," { index += 1 }
            }
            index += 1
        }
        var rest = String(String.UnicodeScalarView(scalars[min(index, scalars.count)...]))
        rest = rest.trimmingCharacters(in: .whitespaces)
        guard let value = Double(rest.split(separator: " ").first ?? "") else { return nil }
        return ExpositionSample(name: name, labels: labels, value: value)
    }

    /// `promtool check metrics` on `text` (its stdin): status 0 and no output when the format and the lint pass.
    public static func promtool(_ text: String) throws -> ProcessResult {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-metrics-\(UUID().uuidString)")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try Shell.run("sh", ["-c", "promtool check metrics < \"$1\"", "sh", file.path])
    }
}
