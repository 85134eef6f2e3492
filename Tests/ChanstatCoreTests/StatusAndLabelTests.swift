import ChanstatCore
import Testing

@Suite struct ConversationStatusTests {
    @Test(arguments: [(Int64(0), ConversationStatus.open), (1, .resolved), (2, .pending), (3, .snoozed)])
    func knownCodes(code: Int64, status: ConversationStatus) {
        #expect(ConversationStatus(code: code) == status)
    }

    @Test(arguments: [Int64(-1), 4, 5, 100, Int64(Int32.max) + 1, 4_294_967_296, 4_294_967_297, .max, .min])
    func otherCodesCountNowhere(code: Int64) {
        #expect(ConversationStatus(code: code) == nil)
    }

    @Test func nullCountsNowhere() {
        #expect(ConversationStatus(code: nil) == nil)
    }

    @Test func keysAndOrders() {
        #expect(ConversationStatus.payloadOrder.map(\.key) == ["open", "resolved", "pending", "snoozed"])
        #expect(ConversationStatus.displayOrder.map(\.title) == ["Open", "Pending", "Snoozed", "Resolved"])
    }
}

@Suite struct ChannelLabelTests {
    @Test(arguments: [
        ("Channel::WebWidget", "Website"), ("Channel::Email", "Email"), ("Channel::Sms", "SMS"),
        ("Channel::TwilioSms", "Twilio SMS"), ("Channel::Whatsapp", "WhatsApp"), ("Channel::Api", "API"),
        ("Channel::FacebookPage", "Messenger"), ("Channel::Instagram", "Instagram"),
        ("Channel::TwitterProfile", "Twitter"), ("Channel::Telegram", "Telegram"), ("Channel::Line", "Line"),
        ("Channel::Tiktok", "TikTok"), ("Channel::Voice", "Voice"),
    ])
    func everyChannelTypeOfTheTable(channelType: String, label: String) {
        #expect(ChannelLabel.label(for: channelType) == label)
    }

    @Test(arguments: [
        ("Channel::Foo", "Foo"),
        ("Bar", "Bar"),
        ("Channel::Whatsapp2", "Whatsapp2"),
        ("channel::email", "channel::email"),        // the table is exact: another spelling is another type
        ("Channel::WebWidget ", "WebWidget "),
        ("Channel::", "Channel::"),                  // nothing after the prefix: the whole string
        ("Channel::Channel::X", "Channel::X"),
        ("Channel::日本語", "日本語"),
        ("", "(unnamed)"),
        ("\u{200B}", "(unnamed)"),
    ])
    func anythingElse(channelType: String, label: String) {
        #expect(ChannelLabel.label(for: channelType) == label)
    }

    @Test func untrustedChannelTypesBecomeSafeLabels() {
        #expect(ChannelLabel.label(for: "Channel::Evil\u{1B}]0;owned\u{07}") == "Evil\u{FFFD}]0;owned\u{FFFD}")
        #expect(ChannelLabel.label(for: "Channel::\u{202E}lanigiro") == "lanigiro")
        let long = ChannelLabel.label(for: "Channel::" + String(repeating: "x", count: 100))
        #expect(long == String(repeating: "x", count: 60) + "…")
        #expect(ChannelLabel.label(for: String(repeating: "y", count: 60)) == String(repeating: "y", count: 60))
    }
}

@Suite struct TerminalSafeTextTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("Café ✓ 日本語 👍 👨\u{200D}👩\u{200D}👧", "Café ✓ 日本語 👍 👨👩👧"),  // joiners go: the parts stay (SPEC 14)
        ("e\u{301}", "e\u{301}"),
        ("\u{1B}[2J\u{1B}[H", "\u{FFFD}[2J\u{FFFD}[H"),                 // ESC (C0)
        ("\u{1B}]8;;http://x\u{1B}\\link", "\u{FFFD}]8;;http://x\u{FFFD}\\link"),
        ("a\u{9B}31mb", "a\u{FFFD}31mb"),                                 // CSI (C1)
        ("\u{90}\u{9D}\u{9F}\u{80}", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
        ("\u{0}\u{7}\u{8}\u{7F}", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
        ("line\nbreak\r\ttab", "line\u{FFFD}break\u{FFFD}\u{FFFD}tab"),
        ("a\r\nb", "a\u{FFFD}\u{FFFD}b"),                                 // one grapheme, two controls
        ("x\u{2028}y\u{2029}", "x\u{FFFD}y\u{FFFD}"),
        ("abc\u{202E}fed\u{202C}", "abcfed"),                             // bidi override and pop
        ("\u{2066}\u{2067}\u{2068}x\u{2069}\u{200E}\u{200F}\u{61C}", "x"),
        ("\u{202A}\u{202B}\u{202D}y", "y"),
        ("zero\u{200B}width\u{2060}\u{FEFF}", "zerowidth"),
        ("soft\u{AD}hyphen", "softhyphen"),
        ("tag\u{E0041}\u{E007F}", "tag"),
        ("private\u{E000}", "private\u{FFFD}"),
        ("", ""),
    ])
    func sanitize(raw: String, safe: String) {
        #expect(TerminalSafeText.sanitize(raw) == safe)
        #expect(TerminalSafeText.isSafe(safe))
    }

    @Test func nothingUnsafeSurvivesAnyControlScalar() {
        var everything = ""
        for value in UInt32(0)...0x9F { everything.unicodeScalars.append(Unicode.Scalar(value)!) }
        let safe = TerminalSafeText.sanitize(everything, maxCharacters: 1_000)
        #expect(TerminalSafeText.isSafe(safe))
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(!TerminalSafeText.isSafe("\u{1B}"))
        #expect(!TerminalSafeText.isSafe("a\u{202E}"))
    }

    @Test func longTextIsCut() {
        #expect(TerminalSafeText.sanitize(String(repeating: "a", count: 250)) == String(repeating: "a", count: 200) + "…")
        #expect(TerminalSafeText.sanitize(String(repeating: "a", count: 200)) == String(repeating: "a", count: 200))
        #expect(TerminalSafeText.sanitize("abcd", maxCharacters: 3) == "abc…")
        #expect(TerminalSafeText.sanitize("abc", maxCharacters: 3) == "abc")
        #expect(TerminalSafeText.sanitize("日本語です", maxCharacters: 2) == "日本…")
        #expect(TerminalSafeText.sanitize("anything", maxCharacters: 0) == "…")
    }

    @Test func droppedCharactersDoNotCountTowardTheLimit() {
        #expect(TerminalSafeText.sanitize("a\u{200B}b\u{200B}c", maxCharacters: 3) == "abc")
        // Nothing visible was cut, so no ellipsis.
        #expect(TerminalSafeText.sanitize("abc\u{200B}\u{202E}", maxCharacters: 3) == "abc")
    }

    @Test func combiningMarkTowersAreCapped() {
        let tower = "a" + String(repeating: "\u{301}", count: 40)
        let safe = TerminalSafeText.sanitize(tower)
        #expect(safe.unicodeScalars.count == 16)
        #expect(safe.count == 1)
    }
}
