/// Makes untrusted text (channel types, inbox names, server messages) safe to print on a terminal.
///
/// Nothing that comes back can move the cursor, change colours, reorder text or hide characters:
/// control characters (C0, DEL, C1, which start escape sequences) and line breaks become U+FFFD,
/// bidirectional overrides, invisible format characters and zero-width joiners are dropped, and very long text
/// is cut.
public enum TerminalSafeText {
    public static let replacement: Unicode.Scalar = "\u{FFFD}"
    /// A grapheme made of more scalars than this is a combining-mark tower, not writing: it is cut.
    static let maximumScalarsPerCharacter = 16

    public static func sanitize(_ text: String, maxCharacters: Int = 200) -> String {
        // First replace or drop scalars, then cut graphemes: replacing a control character can let the
        // combining marks after it join the replacement, so the cap must apply to the result (which also
        // makes sanitizing twice the same as once).
        var mapped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch disposition(of: scalar) {
            case .keep: mapped.append(scalar)
            case .replace: mapped.append(replacement)
            case .drop: break
            }
        }
        var out = String.UnicodeScalarView()
        for (index, character) in String(mapped).enumerated() {
            if index == maxCharacters {
                out.append("…")
                break
            }
            out.append(contentsOf: character.unicodeScalars.prefix(maximumScalarsPerCharacter))
        }
        return String(out)
    }

    /// True when `sanitize` would change nothing but length: used by tests and by the fuzzer's oracle.
    public static func isSafe(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { disposition(of: $0) == .keep }
    }

    private enum Disposition { case keep, replace, drop }

    private static func disposition(of scalar: Unicode.Scalar) -> Disposition {
        let value = scalar.value
        if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) { return .replace }
        switch value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:  // bidirectional controls
            return .drop
        case 0x200B, 0x2060...0x2064, 0xFEFF, 0x00AD, 0x180E:  // invisible: zero width, BOM, soft hyphen
            return .drop
        case 0x200D:
            // The zero-width joiner: terminals disagree on how wide a joined emoji sequence is (2, or its parts'
            // sum); without the joiner every terminal draws the parts, as wide as `DisplayWidth` measures them.
            return .drop
        case 0x2028, 0x2029:  // line and paragraph separators
            return .replace
        case 0xFFF9...0xFFFB, 0xE0000...0xE007F:  // interlinear annotations, tag characters
            return .drop
        default:
            return scalar.properties.generalCategory == .privateUse ? .replace : .keep
        }
    }
}
