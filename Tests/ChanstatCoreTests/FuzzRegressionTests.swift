import ChanstatCore
import Foundation
import Testing

/// Inputs the fuzzers (scripts/fuzz) found, kept so the bugs stay fixed.
@Suite struct FuzzRegressionTests {
    /// SafeTextFuzz: U+0600 (a "prepended" format character) absorbs the next character into its grapheme;
    /// padding after it lost a column because the grapheme was measured by its first scalar only.
    @Test func paddingAfterAPrependedFormatCharacterKeepsItsWidth() {
        let bytes: [UInt8] = [0x5e, 0xee, 0x5e, 0xee, 0xb8, 0xad, 0xe3, 0xb8, 0x80, 0xb8, 0xee, 0xee, 0xe3, 0xe3, 0x3a,
                              0xe3, 0xee, 0xb8, 0xd8, 0x80]
        let safe = TerminalSafeText.sanitize(String(decoding: bytes, as: UTF8.self), maxCharacters: .max)
        for columns in [0, 1, 2, 7, 40] {
            #expect(DisplayWidth.of(DisplayWidth.pad(safe, to: columns)) == columns)
        }
        // Per code point, as wcwidth: U+0600 is one column (glibc 2.36), and the space after it another.
        #expect(DisplayWidth.of("\u{600} ") == 2)
    }

    /// WhenParserFuzz's first find was in its own property (Unix seconds are not dates); the input stays as a
    /// seed, and the rule it touches is pinned here: exactly the 6-month limit passes.
    @Test func unixSecondsAtExactlyTheLimitPass() throws {
        let range = try WhenParser(calendar: .utc).range(since: "1700000000", until: "1715778476")
        #expect(range.lengthSeconds == DateRange.maximumSeconds)
    }

    /// SafeTextFuzz: a backspace followed by a tower of Hebrew points. Replacing the control character let the
    /// marks join the replacement, so a second pass cut the tower again: sanitizing was not idempotent.
    @Test func sanitizingTwiceIsTheSameAsOnce() {
        let bytes: [UInt8] = [0x08, 0xff, 0xd6, 0xa2, 0xd6, 0x97, 0xd6, 0xa2, 0xd6, 0x97, 0xd6, 0x97, 0xd6, 0xbd, 0xd6, 0x97, 0xd6, 0x17, 0xd6, 0x97, 0xd6, 0xa2, 0xd6, 0x97, 0xd6, 0x97, 0xd6, 0xbd, 0xd6, 0xa2, 0xd6, 0x97, 0xd6, 0x97, 0xd6, 0xbd, 0xd6, 0x97, 0xd6, 0x97, 0xd6, 0x97, 0xd6, 0xa2, 0xd6, 0x97, 0xd6, 0x97, 0xd6, 0x97, 0xbd, 0xd6, 0xd6, 0xbd, 0xa2, 0x30, 0xa2, 0xd6, 0x97, 0xd6, 0x97, 0xd6, 0xef]
        let once = TerminalSafeText.sanitize(String(decoding: bytes, as: UTF8.self), maxCharacters: .max)
        #expect(TerminalSafeText.sanitize(once, maxCharacters: .max) == once)
        #expect(once.allSatisfy { $0.unicodeScalars.count <= 16 })
    }
}
