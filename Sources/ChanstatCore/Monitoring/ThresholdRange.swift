/// A threshold of the Monitoring Plugins Development Guidelines ("Threshold and ranges"): `-w` and `-c` of
/// `chanstat check`. A range alerts when the value lies outside it, or inside it when it starts with `@`:
///
/// | text      | alerts when           |
/// |-----------|-----------------------|
/// | `10`      | < 0 or > 10           |
/// | `10:`     | < 10                  |
/// | `~:10`    | > 10                  |
/// | `10:20`   | < 10 or > 20          |
/// | `@10:20`  | ≥ 10 and ≤ 20         |
///
/// Both ends are inclusive: the value at an end never alerts (and always does with `@`).
public struct ThresholdRange: Equatable, Sendable, CustomStringConvertible {
    /// Nil: no lower end (`~`).
    public let start: Double?
    /// Nil: no upper end (nothing after the colon).
    public let end: Double?
    /// `@`: alert inside the range rather than outside it.
    public let alertsInside: Bool
    /// The text as given, for the perfdata's warn and crit fields.
    public let text: String

    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public let text: String
        public let reason: String
        public var description: String {
            "\(TerminalSafeText.sanitize(text, maxCharacters: 40)) is not a threshold range: \(reason) "
                + "(ranges look like 10, 10:, ~:10, 10:20 or @10:20)"
        }
    }

    public init(parsing text: String) throws(ParseError) {
        var body = Substring(text)
        alertsInside = body.first == "@"
        if alertsInside { body = body.dropFirst() }
        guard !body.isEmpty else { throw ParseError(text: text, reason: "it is empty") }
        let startText: Substring, endText: Substring
        if let colon = body.firstIndex(of: ":") {
            (startText, endText) = (body[..<colon], body[body.index(after: colon)...])
            guard !endText.contains(":") else { throw ParseError(text: text, reason: "it has more than one colon") }
        } else {
            (startText, endText) = ("0", body)
        }
        if startText == "~" {
            start = nil
        } else if startText.isEmpty {
            throw ParseError(text: text, reason: "nothing before the colon (~ means no lower end)")
        } else {
            start = try Self.number(startText, in: text)
        }
        end = endText.isEmpty ? nil : try Self.number(endText, in: text)
        if let start, let end, start > end {
            throw ParseError(text: text, reason: "its start is greater than its end")
        }
        self.text = text
    }

    private static func number(_ text: Substring, in whole: String) throws(ParseError) -> Double {
        // Digits, one optional sign and point: Double's own parser also takes "inf", "nan" and hex.
        let allowed = text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }
        guard allowed, let value = Double(text), value.isFinite else {
            throw ParseError(text: whole, reason: "\(TerminalSafeText.sanitize(String(text), maxCharacters: 20)) is not a number")
        }
        return value
    }

    /// Whether `value` raises this threshold's state.
    public func alerts(_ value: Double) -> Bool {
        let inside = (start.map { value >= $0 } ?? true) && (end.map { value <= $0 } ?? true)
        return alertsInside ? inside : !inside
    }

    public var description: String { text }
}
