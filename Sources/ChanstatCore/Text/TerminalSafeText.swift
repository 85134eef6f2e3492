/// Makes untrusted text (channel types, inbox names, server messages) safe to print on a terminal.
///
/// Nothing that comes back can move the cursor, change colours, reorder text or hide characters:
/// control characters (C0, DEL, C1, which start escape sequences) and line breaks become U+FFFD,
/// bidirectional overrides and invisible format characters are dropped, and very long text is cut.
public enum TerminalSafeText {
    public static let replacement: Unicode.Scalar = "\u{FFFD}"
    /// A grapheme made of more scalars than this is a combining-mark tower, not writing: it is cut.
    static let maximumScalarsPerCharacter = 16

    public static func sanitize(_ text: String, maxCharacters: Int = 200) -> String {
        var out = String.UnicodeScalarView()
        var characters = 0
        for character in text {
            if characters == maxCharacters {
                // Only cut when something visible follows: trailing invisible characters are not a loss.
                guard character.unicodeScalars.contains(where: { disposition(of: $0) != .drop }) else { continue }
                out.append("…")
                break
            }
            var kept = 0
            for scalar in character.unicodeScalars where kept < maximumScalarsPerCharacter {
                switch disposition(of: scalar) {
                case .keep: out.append(scalar); kept += 1
                case .replace: out.append(replacement); kept += 1
                case .drop: break
                }
            }
            if kept > 0 { characters += 1 }
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
        case 0x2028, 0x2029:  // line and paragraph separators
            return .replace
        case 0xFFF9...0xFFFB, 0xE0000...0xE007F:  // interlinear annotations, tag characters
            return .drop
        default:
            return scalar.properties.generalCategory == .privateUse ? .replace : .keep
        }
    }
}
