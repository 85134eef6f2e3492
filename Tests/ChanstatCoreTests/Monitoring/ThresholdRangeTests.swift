import ChanstatCore
import Testing

/// The Monitoring Plugins Development Guidelines' ranges, at and around each edge: both ends are inclusive, so
/// the value at an end never alerts (and always does with `@`).
@Suite struct ThresholdRangeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let value: Double
        let alerts: Bool
        var testDescription: String { "\(text) at \(value)" }
    }

    static let cases: [Case] = [
        // 10: alert below 0 or above 10.
        Case(text: "10", value: -1, alerts: true), Case(text: "10", value: -0.5, alerts: true),
        Case(text: "10", value: 0, alerts: false), Case(text: "10", value: 1, alerts: false),
        Case(text: "10", value: 9, alerts: false), Case(text: "10", value: 10, alerts: false),
        Case(text: "10", value: 10.5, alerts: true), Case(text: "10", value: 11, alerts: true),
        // 10: (start only): alert below 10.
        Case(text: "10:", value: 9, alerts: true), Case(text: "10:", value: 9.99, alerts: true),
        Case(text: "10:", value: 10, alerts: false), Case(text: "10:", value: 11, alerts: false),
        Case(text: "10:", value: 1_000_000, alerts: false),
        // ~:10: alert above 10, never below.
        Case(text: "~:10", value: -1_000_000, alerts: false), Case(text: "~:10", value: 9, alerts: false),
        Case(text: "~:10", value: 10, alerts: false), Case(text: "~:10", value: 11, alerts: true),
        // 10:20: alert outside.
        Case(text: "10:20", value: 9, alerts: true), Case(text: "10:20", value: 10, alerts: false),
        Case(text: "10:20", value: 11, alerts: false), Case(text: "10:20", value: 19, alerts: false),
        Case(text: "10:20", value: 20, alerts: false), Case(text: "10:20", value: 21, alerts: true),
        // @10:20: alert inside, ends included.
        Case(text: "@10:20", value: 9, alerts: false), Case(text: "@10:20", value: 10, alerts: true),
        Case(text: "@10:20", value: 15, alerts: true), Case(text: "@10:20", value: 20, alerts: true),
        Case(text: "@10:20", value: 21, alerts: false),
        // 0: only 0 is fine (a queue that must be empty).
        Case(text: "0", value: 0, alerts: false), Case(text: "0", value: 1, alerts: true),
        // @0: alert on exactly 0 (or 0:0).
        Case(text: "@0", value: 0, alerts: true), Case(text: "@0", value: 1, alerts: false),
        // Negative and fractional ends.
        Case(text: "-5:-1", value: -6, alerts: true), Case(text: "-5:-1", value: -5, alerts: false),
        Case(text: "-5:-1", value: -1, alerts: false), Case(text: "-5:-1", value: 0, alerts: true),
        Case(text: "1.5:2.5", value: 1.4, alerts: true), Case(text: "1.5:2.5", value: 1.5, alerts: false),
        Case(text: "1.5:2.5", value: 2.5, alerts: false), Case(text: "1.5:2.5", value: 2.6, alerts: true),
    ]

    @Test(arguments: cases)
    func alertsAtAndAroundEachEdge(_ c: Case) throws {
        let range = try ThresholdRange(parsing: c.text)
        #expect(range.alerts(c.value) == c.alerts)
    }

    @Test func partsAsParsed() throws {
        let upTo = try ThresholdRange(parsing: "10")
        #expect(upTo.start == 0 && upTo.end == 10 && !upTo.alertsInside && upTo.text == "10")
        let open = try ThresholdRange(parsing: "10:")
        #expect(open.start == 10 && open.end == nil && !open.alertsInside)
        let below = try ThresholdRange(parsing: "~:10")
        #expect(below.start == nil && below.end == 10)
        let inside = try ThresholdRange(parsing: "@10:20")
        #expect(inside.start == 10 && inside.end == 20 && inside.alertsInside && inside.text == "@10:20")
    }

    @Test(arguments: ["", "@", "abc", "10:5", "1:2:3", "~", "10:x", "inf", "nan", "0x10", "1e3x", "@:", ":10", " 10"])
    func refusesWhatIsNotARange(_ text: String) {
        #expect(throws: ThresholdRange.ParseError.self) { try ThresholdRange(parsing: text) }
    }

    @Test func theRefusalSaysWhatARangeLooksLike() {
        do {
            _ = try ThresholdRange(parsing: "20:10")
            Issue.record("20:10 was accepted")
        } catch {
            #expect(error.description == "20:10 is not a threshold range: its start is greater than its end "
                    + "(ranges look like 10, 10:, ~:10, 10:20 or @10:20)")
        }
    }
}
