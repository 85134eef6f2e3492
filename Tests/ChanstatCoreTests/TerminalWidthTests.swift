import ChanstatCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Widths as the terminal measures them (SPEC 14): per code point, as glibc's `wcwidth` under C.UTF-8. The
/// expected columns were measured on the build machine (glibc 2.36) by a C program calling `wcwidth`, and the
/// sequences drawn in tmux 3.3a (cursor position after each): "a👩💻b" 6, "a🇫🇷b" 4, "a🇫b" 3, "aéb" 3
/// (e + U+0301), "a日本b" 6, "a❤️b" 3, "a👍🏽b" 6; a ZWJ sequence, which tmux joins into 2 columns and ncurses
/// measures as its parts, is why names reach the terminal without joiners.
@Suite struct TerminalWidthTests {
    @Test(arguments: [
        ("Support 👩\u{200D}💻 team", 17),     // 8 + 👩 2 + ZWJ 0 + 💻 2 + 5: the parts, as wcwidth sums them
        ("👨\u{200D}👩\u{200D}👧", 6),
        ("🇫🇷", 2), ("🇯🇵", 2), ("🇫", 1),       // regional indicators: 1 each
        ("e\u{301}", 1), ("x\u{300}\u{301}\u{302}", 1), ("\u{301}", 0),
        ("日本語", 6), ("한글", 4), ("ＡＢ", 4), ("\u{1100}\u{1161}\u{11A8}", 2),  // CJK, fullwidth, jamo (각)
        ("❤️", 1), ("👍🏽", 4), ("😀", 2), ("\u{FE0F}", 0), ("\u{200D}", 0), ("\u{200B}", 0),
    ])
    func widthsPerCodePoint(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    /// Every code point against this machine's `wcwidth` under C.UTF-8 (set for this thread only): the table is
    /// glibc's, not an approximation. Code points glibc does not know (-1) are one column.
    #if canImport(Glibc)
    @Test func everyCodePointAgreesWithWcwidth() throws {
        // Swift's Glibc module leaves out wcwidth (an X/Open function): found by name in the C library.
        typealias WcwidthFunction = @convention(c) (wchar_t) -> Int32
        let symbol = try #require(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth"), "no wcwidth")
        let wcwidth = unsafeBitCast(symbol, to: WcwidthFunction.self)
        let locale = try #require(newlocale(1 << LC_CTYPE, "C.UTF-8", nil), "no C.UTF-8 locale")
        defer { freelocale(locale) }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        var disagreements: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let glibc = Int(wcwidth(wchar_t(bitPattern: value)))
            let expected = glibc < 0 ? 1 : glibc
            if DisplayWidth.of(scalar) != expected, disagreements.count < 10 {
                disagreements.append("U+\(String(value, radix: 16, uppercase: true)): \(DisplayWidth.of(scalar)) vs \(glibc)")
            }
        }
        #expect(disagreements.isEmpty)
        #expect(wcwidth(0x1F469) == 2 && wcwidth(0x1F1EB) == 1, "the locale was not in effect")
    }
    #endif

    /// Truncation cuts between code points, where it measures: never inside a wide character (which would leave
    /// half of it), and the marks of the last character kept stay with it.
    @Test func truncationCutsPerCodePoint() {
        let name = "Support 👩\u{200D}💻 team"
        #expect(DisplayWidth.truncate(name, to: 10) == "Support \u{2026}")        // 👩 would need columns 9-10
        #expect(DisplayWidth.truncate(name, to: 11) == "Support 👩\u{200D}\u{2026}")
        #expect(DisplayWidth.truncate("🇫🇷🇯🇵", to: 3) == "🇫🇷\u{2026}")
        #expect(DisplayWidth.truncate("🇫🇷🇯🇵", to: 2) == "🇫\u{2026}")
        #expect(DisplayWidth.truncate("e\u{301}e\u{301}e\u{301}", to: 2) == "e\u{301}\u{2026}")
        #expect(DisplayWidth.truncate("日本語", to: 4) == "日\u{2026}")
        #expect(DisplayWidth.truncate("日本語", to: 5) == "日本\u{2026}")
        for text in [name, "🇫🇷🇯🇵 日本 e\u{301}", "👍🏽👍🏽", "a❤️b"] {
            for columns in 0...12 {
                let cut = DisplayWidth.truncate(text, to: columns)
                #expect(DisplayWidth.of(cut) <= columns, "\(text) to \(columns)")
                #expect(DisplayWidth.of(DisplayWidth.pad(text, to: columns)) == columns, "\(text) padded to \(columns)")
            }
        }
    }

    /// Names reach the terminal without zero-width joiners: every terminal then draws the parts.
    @Test func namesLoseTheirJoiners() {
        #expect(TerminalSafeText.sanitize("Support 👩\u{200D}💻 team") == "Support 👩💻 team")
        #expect(!TerminalSafeText.isSafe("👩\u{200D}💻"))
        #expect(DisplayWidth.of(TerminalSafeText.sanitize("Support 👩\u{200D}💻 team")) == 17)
        #expect(ChannelLabel.label(for: "Channel::👩\u{200D}💻") == "👩💻")
    }
}
