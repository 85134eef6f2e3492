import ChanstatCore

/// `?`: every key of the one key table, in a box over the dashboard. Any key closes it.
enum HelpOverlay {
    static var entries: [(keys: String, action: String)] {
        KeyBinding.help
    }

    static func draw(in area: Rect, into grid: inout CellGrid, glyphs: GlyphSet, style: Styles) {
        let keyWidth = entries.map { $0.keys.count }.max() ?? 0
        let textWidth = entries.map { keyWidth + 2 + $0.action.count }.max() ?? 0
        let box = area.centered(width: textWidth + 4, height: entries.count + 2)
        let inside = Box.draw(box, title: "Keys", into: &grid, glyphs: glyphs)
        for (index, entry) in entries.prefix(inside.height).enumerated() {
            let y = inside.y + index
            grid.write(entry.keys, x: inside.x, y: y, style: style.key, maxWidth: inside.width)
            grid.write(entry.action, x: inside.x + keyWidth + 2, y: y, maxWidth: max(0, inside.width - keyWidth - 2))
        }
    }
}
