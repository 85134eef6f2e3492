import ChanstatCore

/// `?`: every key of the one key table, in a box over the dashboard. On a narrow terminal each action wraps
/// under itself; on a short one the box scrolls (j k, arrows, PgUp PgDn) and its last line says which lines
/// are shown. Any other key closes it.
enum HelpOverlay {
    static var entries: [(keys: String, action: String)] {
        KeyBinding.help
    }

    /// The keys that scroll the help rather than close it, and by how many lines.
    static func scrollStep(for key: Key) -> Int? {
        switch key {
        case .down, .character("j"): return 1
        case .up, .character("k"): return -1
        case .pageDown, .character(" "): return 10
        case .pageUp: return -10
        default: return nil
        }
    }

    /// The help's lines at a width inside the box: a binding's keys on its first line only.
    static func lines(actionWidth: Int) -> [(keys: String, action: String)] {
        entries.flatMap { entry in
            Formatting.wrap(entry.action, width: max(1, actionWidth)).enumerated().map { index, text in
                (keys: index == 0 ? entry.keys : "", action: text)
            }
        }
    }

    static func draw(in area: Rect, scroll: Int, into grid: inout CellGrid, glyphs: GlyphSet, style: Styles) {
        let keyWidth = entries.map { $0.keys.count }.max() ?? 0
        let textWidth = entries.map { keyWidth + 2 + $0.action.count }.max() ?? 0
        let boxWidth = min(area.width, textWidth + 4)
        let lines = lines(actionWidth: boxWidth - 4 - keyWidth - 2)
        let fits = lines.count + 2 <= area.height
        let box = area.centered(width: boxWidth, height: lines.count + 2)
        let inside = Box.draw(box, title: "Keys", into: &grid, glyphs: glyphs)
        // Scrolling, the last line inside says where the box is and how to move.
        let shownCount = fits ? lines.count : max(0, inside.height - 1)
        let first = max(0, min(scroll, lines.count - shownCount))
        for (index, line) in lines.dropFirst(first).prefix(shownCount).enumerated() {
            let y = inside.y + index
            grid.write(line.keys, x: inside.x, y: y, style: style.key, maxWidth: inside.width)
            grid.write(line.action, x: inside.x + keyWidth + 2, y: y, maxWidth: max(0, inside.width - keyWidth - 2))
        }
        if !fits, inside.height > 0 {
            let position = "lines \(first + 1)-\(first + shownCount) of \(lines.count), j k scroll"
            grid.write(position, x: inside.x, y: inside.y + inside.height - 1, style: style.muted, maxWidth: inside.width)
        }
    }
}
