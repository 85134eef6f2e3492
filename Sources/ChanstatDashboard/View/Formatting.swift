import ChanstatCore

/// Words and numbers more than one part of the dashboard shows (the range, durations, wrapped text), kept here so
/// the header, the form and the tests agree. Words only one widget shows (the legend, column titles) stay in it.
enum Formatting {
    /// The range in the header and the form: see `LocalCalendar.describe`, with the glyph set's dash.
    static func rangeText(_ range: DateRange, calendar: LocalCalendar, glyphs: GlyphSet) -> String {
        calendar.describe(range, dash: glyphs.rangeDash)
    }

    /// "12 ms" under a second, "1.2 s" above.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        let tenths = Int((seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }

    /// "30 s", "5 min", "1 h", "90 s".
    static func interval(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 3600, whole % 3600 == 0 { return "\(whole / 3600) h" }
        if whole >= 60, whole % 60 == 0 { return "\(whole / 60) min" }
        return "\(whole) s"
    }

    /// Splits text into lines of at most `width` columns at spaces; a word longer than a line is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if DisplayWidth.of(candidate) <= width {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            var rest = word
            while DisplayWidth.of(rest) > width {
                // By columns, not characters (a CJK word is twice as wide as it is long); at least one code point.
                var head = DisplayWidth.prefix(rest, columns: width).unicodeScalars
                if head.isEmpty, let first = rest.unicodeScalars.first { head.append(first) }
                lines.append(String(head))
                rest = String(rest.unicodeScalars.dropFirst(head.count))
            }
            line = rest
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
