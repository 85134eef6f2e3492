/// How many terminal columns text takes, measured per code point as the C library's `wcwidth` measures it
/// (SPEC 14), because that is how ncurses places what it writes and how terminals advance the cursor: combining
/// marks, variation selectors and joiners take none, East Asian wide and fullwidth characters and emoji two,
/// regional indicators one each (a flag is two). Swift's `Character` (a grapheme) is not what a terminal
/// measures: "👩‍💻" is one `Character` and three code points. Names reach the terminal without joiners
/// (`TerminalSafeText`), so every terminal draws such a sequence as its parts, as wide as this says.
/// Tables and the dashboard align with this, never with `count`.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    public static func of(_ character: Character) -> Int {
        character.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// 0, 1 or 2, from `WcwidthTable` (glibc's `wcwidth` under C.UTF-8, by scripts/generate-width-table); controls
    /// and code points glibc does not know (-1 there) count 1, as terminals draw them.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return value == 0 ? 0 : 1 }  // the common case, without a search
        if inRanges(WcwidthTable.zero, value) { return 0 }
        return inRanges(WcwidthTable.wide, value) ? 2 : 1
    }

    /// Whether `value` is in one of the ranges of `pairs` (first, last, first, last, …, in order).
    private static func inRanges(_ pairs: [UInt32], _ value: UInt32) -> Bool {
        var low = 0, high = pairs.count / 2
        while low < high {
            let middle = (low + high) / 2
            if value < pairs[2 * middle] {
                high = middle
            } else if value > pairs[2 * middle + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Cuts text to at most `columns` columns, ending with `ellipsis` (one column) when it was cut: the one
    /// truncation of the tables, the dashboard and the header. It cuts between code points, where it measures,
    /// so a cut never leaves half a wide character; the zero-width code points after the last one kept (its
    /// combining marks) stay with it, and none after a code point that was cut.
    public static func truncate(_ text: String, to columns: Int, ellipsis: Character = "…") -> String {
        guard columns > 0 else { return "" }
        guard of(text) > columns else { return text }
        return prefix(text, columns: columns - 1) + String(ellipsis)
    }

    /// The longest start of `text` at most `columns` wide, cut between code points as `truncate` cuts.
    public static func prefix(_ text: String, columns: Int) -> String {
        var out = String.UnicodeScalarView(), used = 0
        for scalar in text.unicodeScalars {
            let width = of(scalar)
            if used + width > columns { break }
            out.append(scalar)
            used += width
        }
        return String(out)
    }

    /// Pads on the right (text) or the left (numbers) to exactly `columns` columns.
    public static func pad(_ text: String, to columns: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: columns)
        let padding = String(repeating: " ", count: max(0, columns - of(cut)))
        return alignRight ? padding + cut : cut + padding
    }
}
