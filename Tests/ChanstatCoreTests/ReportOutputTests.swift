import ChanstatCore
import Testing

@Suite struct ReportTableTests {
    @Test func theSpecExample() {
        // Largest channel first; columns in reading order (open, pending, snoozed, resolved); totals 3/1/1/3 = 8.
        #expect(ReportTable.render(ReportModel(specExample())) == """
            Channel  Open  Pending  Snoozed  Resolved  Total
            Website     2        1        1         1      5
            Email       1        0        0         2      3
            ------------------------------------------------
            Total       3        1        1         3      8

            """)
    }

    @Test func emptyReport() {
        #expect(ReportTable.render(ReportModel(ChannelSummary())) == "No conversations in this range.\n")
    }

    @Test func columnsWidenForLongLabelsAndNumbers() {
        let s = ChannelSummary(channels: ["Channel::TwitterProfile": counts(12_345, 0, 0, 1),
                                          "Channel::Sms": counts(0, 2, 0, 0)])
        #expect(ReportTable.render(ReportModel(s)) == """
            Channel   Open  Pending  Snoozed  Resolved  Total
            Twitter  12345        0        1         0  12346
            SMS          0        0        0         2      2
            -------------------------------------------------
            Total    12345        0        1         2  12348

            """)
    }

    @Test func tiesAreOrderedByLabelThenByChannelType() {
        // "Email" and "Channel::Email"... the same total: labels A to Z; "Foo" twice: the raw type decides.
        let s = ChannelSummary(channels: ["Channel::WebWidget": counts(1, 0, 0, 0), "Channel::Api": counts(1, 0, 0, 0),
                                          "Foo": counts(0, 0, 1, 0), "Channel::Foo": counts(0, 0, 0, 1)])
        let rows = ReportTable.render(ReportModel(s)).split(separator: "\n").dropFirst().prefix(4).map { String($0.prefix(8)) }
        #expect(rows == ["API     ", "Foo     ", "Foo     ", "Website "])
        let lines = ReportTable.render(ReportModel(s)).split(separator: "\n")
        // Channel::Foo (snoozed 1) sorts before Foo (pending 1): its row has the 1 in the Snoozed column.
        #expect(lines[2] == "Foo         0        0        1         0      1")
        #expect(lines[3] == "Foo         0        1        0         0      1")
        for _ in 0..<20 { #expect(ReportTable.render(ReportModel(s)) == ReportTable.render(ReportModel(s))) }
    }

    @Test func boldOnlyWhenAsked() {
        let plain = ReportTable.render(ReportModel(specExample()), bold: false)
        #expect(!plain.contains("\u{1B}"))
        let bold = ReportTable.render(ReportModel(specExample()), bold: true)
        #expect(bold.hasPrefix("\u{1B}[1mChannel  Open  Pending  Snoozed  Resolved  Total\u{1B}[0m\n"))
        #expect(bold.split(separator: "\n").dropFirst() == plain.split(separator: "\n").dropFirst())
    }

    @Test func untrustedLabelsCannotEscapeAndWideTextAligns() {
        let s = ChannelSummary(channels: ["Channel::\u{1B}[2J日本": counts(1, 0, 0, 0)])
        let text = ReportTable.render(ReportModel(s))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        // "\u{FFFD}[2J日本" is 1+3+2+2 = 8 columns: the Channel column is 8 wide.
        #expect(text.split(separator: "\n")[1] == "\u{FFFD}[2J日本     1        0        0         0      1")
        #expect(text.split(separator: "\n")[0] == "Channel   Open  Pending  Snoozed  Resolved  Total")
    }

    @Test func overflowingTotalsSaySo() {
        let s = ChannelSummary(channels: ["a": counts(.max, 0, 0, 0), "b": counts(1, 0, 0, 0)])
        let last = ReportTable.render(ReportModel(s)).split(separator: "\n").last!
        #expect(last.hasPrefix("Total"))
        #expect(last.split(separator: " ").dropFirst().allSatisfy { $0 == "overflow" })
    }
}

@Suite struct ReportCSVTests {
    @Test func theSpecExample() {
        #expect(ReportCSV.render(ReportModel(specExample())) == """
            channel_type,label,open,resolved,pending,snoozed,total
            Channel::Email,Email,1,2,0,0,3
            Channel::WebWidget,Website,2,1,1,1,5

            """)
    }

    @Test func emptyReportIsTheHeader() {
        #expect(ReportCSV.render(ReportModel(ChannelSummary())) == "channel_type,label,open,resolved,pending,snoozed,total\n")
    }

    @Test func quotingFormulasAndControls() {
        let s = ChannelSummary(channels: ["Channel::A,B": counts(1, 0, 0, 0), "Say \"hi\"": counts(0, 1, 0, 0),
                                          "=HYPERLINK(\"x\")": counts(0, 0, 1, 0), "+1": counts(0, 0, 0, 1),
                                          "x\u{1B}[31m\ny": counts(2, 0, 0, 0), " padded": counts(3, 0, 0, 0)])
        #expect(ReportCSV.render(ReportModel(s)) == #"""
            channel_type,label,open,resolved,pending,snoozed,total
            " padded"," padded",3,0,0,0,3
            '+1,'+1,0,0,0,1,1
            "'=HYPERLINK(""x"")","'=HYPERLINK(""x"")",0,0,1,0,1
            "Channel::A,B","A,B",1,0,0,0,1
            "Say ""hi""","Say ""hi""",0,1,0,0,1
            x\#u{FFFD}[31m\#u{FFFD}y,x\#u{FFFD}[31m\#u{FFFD}y,2,0,0,0,2

            """#)
    }
}

@Suite struct DisplayWidthTests {
    @Test(arguments: [("abc", 3), ("日本", 4), ("e\u{301}", 1), ("👍", 2), ("❤️", 1), ("\u{200B}", 0), ("", 0)])
    func widths(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test func truncateAndPad() {
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("abcd", to: 4) == "abcd")
        #expect(DisplayWidth.truncate("日本語", to: 4) == "日…")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
        #expect(DisplayWidth.pad("ab", to: 4) == "ab  ")
        #expect(DisplayWidth.pad("7", to: 3, alignRight: true) == "  7")
        #expect(DisplayWidth.pad("日本", to: 5) == "日本 ")
    }
}
