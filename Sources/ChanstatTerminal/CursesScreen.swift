import ChanstatCore
import Foundation
import CTerminalShim
import ChanstatDashboard

/// The one owner of curses: created, used and stopped on the UI thread only, and never shared
/// (it is not Sendable). It copies cell grids to the screen, diffed against the previous frame.
final class CursesScreen {
    enum StartFailure: Error {
        case notATerminal, unknownTerminalType, noCursorAddressing
    }

    let colored: Bool
    let terminalType: String
    private var previous: CellGrid?
    private var sequences = EscapeSequenceReader()

    /// Starts curses; the signal handlers must already be installed.
    /// `colorMode` has `NO_COLOR` folded in already (`SettingsResolver`).
    init(colorMode: ColorMode) throws(StartFailure) {
        var used: UnsafePointer<CChar>?
        switch ct_start(&used) {
        case Int32(CT_STARTED): break
        case Int32(CT_NOT_A_TERMINAL): throw .notATerminal
        case Int32(CT_NO_CURSOR_ADDRESSING): throw .noCursorAddressing
        default: throw .unknownTerminalType
        }
        terminalType = used.map { String(cString: $0) } ?? "?"
        switch colorMode {
        case .never: colored = false
        case .always: colored = ct_has_colors() != 0
        case .auto: colored = ct_has_colors() != 0
        }
        if colored {
            ct_start_colors()
            for color in SemanticColor.allCases { ct_define_pair(Self.pair(color), Self.terminalColor(color)) }
        }
    }

    func stop() {
        ct_stop()
    }

    var size: (width: Int, height: Int) {
        (Int(ct_cols()), Int(ct_lines()))
    }

    /// The next draw repaints every cell (after a resume, or a resize).
    func invalidate() {
        previous = nil
        ct_force_full_repaint()
    }

    /// Draws only the rows that changed, from their first to their last changed cell, in runs of one
    /// style; then one refresh. No erase or clear: unchanged cells are not touched.
    func draw(_ grid: CellGrid) {
        let old = previous.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
        for y in 0..<grid.height {
            guard let span = changedSpan(row: y, old: old, new: grid) else { continue }
            var x = span.lowerBound
            while x < span.upperBound {
                let style = grid[x, y].style
                var text: [wchar_t] = []
                var end = x
                while end < span.upperBound, grid[end, y].style == style || grid[end, y].isContinuation {
                    text.append(contentsOf: grid[end, y].text.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
                    end += 1
                }
                put(text, x: x, y: y, style: style)
                x = end
            }
        }
        ct_refresh()
        previous = grid
    }

    /// Writes the text at `link`'s place again, as an OSC 8 hyperlink (ESC ] 8 ; ; URL ESC \\ text ESC ] 8 ; ; ESC \\),
    /// after the refresh: curses cannot hold one in its cells. The cursor and attributes are saved and restored
    /// around it (DECSC, DECRC), so curses' idea of the terminal stays true; the text is the one curses drew there.
    /// Only to a terminal: a terminal without OSC 8 ignores the sequence and shows the same plain text.
    func link(_ link: Hyperlink) {
        guard isatty(STDOUT_FILENO) != 0 else { return }
        let sequence = "\u{1B}7\u{1B}[\(link.y + 1);\(link.x + 1)H\u{1B}[0m\u{1B}]8;;\(link.url)\u{1B}\\\(link.url)"
            + "\u{1B}]8;;\u{1B}\\\u{1B}8"
        let bytes = Array(sequence.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            guard result > 0 else { return }
            written += result
        }
    }

    /// Keys available now, with the escape sequences ncurses did not know dropped whole: after an Esc or a
    /// sequence begun, what follows within the escape delay is waited for, so a lone Esc is Esc and an
    /// unknown End is nothing.
    func readKeys() -> [TerminalKey] {
        var keys: [TerminalKey] = []
        var codepoint: UInt32 = 0
        var waited = false  // once per key: stdin at end of file is readable and yields nothing
        while keys.count < 256 {
            let kind = ct_read_key(&codepoint)
            if kind == Int32(CT_KEY_NONE) {
                guard sequences.isWaiting else { break }
                if waited || ct_wait_input(Int32(CT_ESCAPE_DELAY_MS)) == 0 {
                    keys += sequences.delayPassed().map(TerminalKey.key)
                    break
                }
                waited = true
                continue
            }
            waited = false
            switch TerminalKey(kind: kind, codepoint: codepoint) {
            case .key(let key): keys += sequences.read(key).map(TerminalKey.key)
            case .resize: keys.append(.resize)
            case nil: break
            }
        }
        return keys
    }

    // MARK: - Private

    private func changedSpan(row y: Int, old: CellGrid?, new: CellGrid) -> Range<Int>? {
        guard let old else { return 0..<new.width }
        var first = 0
        while first < new.width, old[first, y] == new[first, y] { first += 1 }
        guard first < new.width else { return nil }
        var last = new.width - 1
        while last > first, old[last, y] == new[last, y] { last -= 1 }
        // Start on the head of a wide character, never on its continuation.
        while first > 0, new[first, y].isContinuation { first -= 1 }
        return first..<(last + 1)
    }

    private func put(_ text: [wchar_t], x: Int, y: Int, style: CellStyle) {
        let pair = colored ? (style.foreground.map(Self.pair) ?? 0) : 0
        let dim = colored && style.foreground == .muted
        text.withUnsafeBufferPointer { buffer in
            ct_put(Int32(y), Int32(x), buffer.baseAddress, Int32(buffer.count), pair,
                   style.bold ? 1 : 0, style.reverse ? 1 : 0, dim ? 1 : 0, style.underline ? 1 : 0)
        }
    }

    private static func pair(_ color: SemanticColor) -> Int16 {
        Int16(SemanticColor.allCases.firstIndex(of: color)! + 1)
    }

    /// Basic colours only, on the default background: they exist everywhere and read on light and dark.
    private static func terminalColor(_ color: SemanticColor) -> Int16 {
        switch color {
        case .open: return Int16(CT_COLOR_RED)
        case .pending: return Int16(CT_COLOR_YELLOW)
        case .snoozed: return Int16(CT_COLOR_BLUE)
        // Not green: red against green is what red-green colour blindness (deuteranopia, protanopia) loses.
        // Those eyes keep blue against yellow, and lightness; the terminal's own foreground is the lightness
        // opposite of its background on every theme, so resolved (done, nothing to do) is drawn in it.
        // scripts/colour-check measures the four apart under both simulations.
        case .resolved: return 0
        case .accent: return Int16(CT_COLOR_CYAN)
        case .error: return Int16(CT_COLOR_RED)
        case .muted: return 0  // the default colour, dimmed
        // Not red against green: the pair colour-blind eyes confuse most; the sign says it anyway.
        case .increase: return Int16(CT_COLOR_MAGENTA)
        case .decrease: return Int16(CT_COLOR_CYAN)
        // The wait ages, from nothing to worry about to the oldest: the default colour, then blue, cyan, yellow
        // and red, the blue-yellow axis and lightness that red-green colour-blind eyes keep; each age has its own
        // glyph density too (GlyphSet.waitFills), so the scale never rests on hue alone.
        case .waitUnderHour: return 0
        case .waitHours: return Int16(CT_COLOR_BLUE)
        case .waitDay: return Int16(CT_COLOR_CYAN)
        case .waitDays: return Int16(CT_COLOR_YELLOW)
        case .waitWeek: return Int16(CT_COLOR_RED)
        }
    }
}
