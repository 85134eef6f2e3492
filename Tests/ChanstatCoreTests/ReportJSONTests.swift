import ChanstatCore
import Foundation
import Testing

@Suite struct ReportJSONEncodingTests {
    @Test func emptyReportIsAnEmptyObject() {
        #expect(ReportJSON.encode(ChannelSummary()) == "{}")
    }

    @Test func keysInPayloadOrderAndChannelTypesSorted() {
        #expect(ReportJSON.encode(specExample()) == """
            {"Channel::Email":{"open":1,"resolved":2,"pending":0,"snoozed":0,"total":3},\
            "Channel::WebWidget":{"open":2,"resolved":1,"pending":1,"snoozed":1,"total":5}}
            """)
    }

    @Test func largeCounts() {
        let s = ChannelSummary(channels: ["x": counts(.max - 3, 1, 1, 1)])
        #expect(ReportJSON.encode(s)
                == "{\"x\":{\"open\":9223372036854775804,\"resolved\":1,\"pending\":1,\"snoozed\":1,\"total\":9223372036854775807}}")
    }

    @Test(arguments: [
        ("Channel::\"Quoted\"", #""Channel::\"Quoted\"""#),
        ("back\\slash", #""back\\slash""#),
        ("a\nb\rc\td", #""a\nb\rc\td""#),
        ("\u{0}\u{1B}\u{1F}", #""\u0000\u001b\u001f""#),
        ("\u{7F}\u{85}\u{9B}", #""\u007f\u0085\u009b""#),
        ("\u{2028}\u{2029}", #""\u2028\u2029""#),
        ("/é日本👍", "\"/é日本👍\""),
    ])
    func escaping(raw: String, literal: String) throws {
        #expect(ReportJSON.quoted(raw) == literal)
        // And it is JSON that reads back as the same string.
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(parsed == [raw])
    }

    @Test func encodedReportReadsBackTheSame() throws {
        let tricky = ChannelSummary(channels: ["Channel::\u{1B}[31m\"x\"\n": counts(1, 2, 3, 4), "Channel::Api": counts(0, 0, 0, 1)])
        let text = ReportJSON.encode(tricky)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 })
        #expect(try ReportJSON.decode(Data(text.utf8)) == tricky)
        #expect(try ReportJSON.decode(Data(ReportJSON.encode(specExample()).utf8)) == specExample())
    }
}

@Suite struct ReportJSONDecodingTests {
    func decode(_ text: String) throws(ReportJSON.DecodingFailure) -> ChannelSummary {
        try ReportJSON.decode(Data(text.utf8))
    }

    func reason(_ text: String) -> String? {
        do { _ = try decode(text); return nil } catch { return error.reason }
    }

    @Test func theSpecPayload() throws {
        let body = """
            {"Channel::WebWidget": {"open": 2, "resolved": 1, "pending": 1, "snoozed": 1, "total": 5},
             "Channel::Email":     {"open": 1, "resolved": 2, "pending": 0, "snoozed": 0, "total": 3}}
            """
        #expect(try decode(body) == specExample())
        #expect(try decode("{}").isEmpty)
        #expect(try decode(" { } ").isEmpty)
    }

    @Test func totalMayBeAbsentButMustAddUpWhenPresent() throws {
        #expect(try decode(#"{"a":{"open":1,"resolved":1,"pending":1,"snoozed":1}}"#).channels["a"] == counts(1, 1, 1, 1))
        #expect(reason(#"{"a":{"open":1,"resolved":1,"pending":1,"snoozed":1,"total":5}}"#)
                == "the total for \"a\" is 5, not the sum of its counts (4)")
    }

    @Test func aChannelWithNothingIsLeftOut() throws {
        #expect(try decode(#"{"a":{"open":0,"resolved":0,"pending":0,"snoozed":0,"total":0}}"#).isEmpty)
    }

    @Test func negativeAndOverflowingCounts() {
        #expect(reason(#"{"a":{"open":-1,"resolved":0,"pending":0,"snoozed":0}}"#)
                == "the counts for \"a\" are negative or too large")
        #expect(reason(#"{"a":{"open":9223372036854775807,"resolved":1,"pending":0,"snoozed":0}}"#)
                == "the counts for \"a\" are negative or too large")
    }

    @Test(arguments: [#"{"a":{"open":1.5,"resolved":0,"pending":0,"snoozed":0}}"#,
                      #"{"a":{"open":99999999999999999999,"resolved":0,"pending":0,"snoozed":0}}"#])
    func fractionsAndHugeNumbers(body: String) {
        // Valid JSON, so not "not valid JSON"; Foundation does not say where, so neither can the sentence.
        #expect(reason(body) == "a count in the body is not a whole number")
    }

    @Test(arguments: [#"{"a":{"open":"1","resolved":0,"pending":0,"snoozed":0}}"#,
                      #"{"a":{"open":null,"resolved":0,"pending":0,"snoozed":0}}"#,
                      #"{"a":{"open":true,"resolved":0,"pending":0,"snoozed":0}}"#])
    func nonIntegerCounts(body: String) {
        #expect(reason(body) == "\"a.open\" is not a whole number")
    }

    @Test func aMissingCountIsNamed() {
        #expect(reason(#"{"a":{"open":1,"resolved":0,"pending":0}}"#) == "\"a\" has no \"snoozed\" count")
    }

    @Test(arguments: ["", "not json", "{", "<html>502 Bad Gateway</html>", #"{"a":}"#])
    func notJSON(body: String) {
        #expect(reason(body) == "the body is not valid JSON")
    }

    @Test(arguments: ["[]", "null", "42", #""text""#])
    func notAnObject(body: String) {
        #expect(reason(body) == "the body is not a channel summary")
    }

    @Test func aChannelThatIsNotAnObject() {
        #expect(reason(#"{"a":5}"#) == "\"a\" is not a channel's counts")
    }

    @Test func namesInReasonsAreSafe() {
        let why = reason("{\"\\u001b[31m\":{\"open\":-1,\"resolved\":0,\"pending\":0,\"snoozed\":0}}")
        #expect(why == "the counts for \"\u{FFFD}[31m\" are negative or too large")
    }
}
