import ChanstatCore

/// `d`: the custom range form. The focused field is drawn reverse; an error is written, wrapped, under
/// the field it belongs to.
///
///     ┌ Custom range ──────────────────────┐
///     │ Since ›2026-10-27                  │
///     │ Until  2026-11-25                  │
///     │        until must be after since   │
///     │ Tab switch  Enter apply  Esc cancel│
///     └────────────────────────────────────┘
enum RangeFormWidget {
    static let preferredWidth = 58
    static let labelWidth = 7  // "Since  "

    static func draw(_ form: RangeForm, in area: Rect, into grid: inout CellGrid, glyphs: GlyphSet, style: Styles) {
        let box = area.centered(width: preferredWidth, height: area.height)
        let fieldWidth = max(0, box.width - 4 - labelWidth)
        var lines: [(field: RangeField?, text: String, style: CellStyle)] = []
        for field in [RangeField.since, .until] {
            lines.append((field, form[field], .plain))
            if let error = form.error, error.field == field {
                for line in Formatting.wrap(error.message, width: fieldWidth) {
                    lines.append((nil, line, style.error))
                }
            }
        }
        lines.append((nil, "", .plain))
        lines.append((nil, "Tab switch  Enter apply  Esc cancel", style.muted))
        lines.append((nil, "YYYY-MM-DD, Unix seconds or ISO 8601", style.muted))

        let inside = Box.draw(Rect(x: box.x, y: box.y + max(0, (box.height - lines.count - 2) / 2),
                                   width: box.width, height: min(box.height, lines.count + 2)),
                              title: "Custom range", into: &grid, glyphs: glyphs)
        for (index, line) in lines.prefix(inside.height).enumerated() {
            let y = inside.y + index
            if let field = line.field {
                let focused = field == form.focus
                grid.write(field == .since ? "Since" : "Until", x: inside.x, y: y, style: focused ? .bold : .plain)
                if focused {
                    grid.write(String(glyphs.selectionMarker), x: inside.x + labelWidth - 1, y: y, style: style.key)
                    grid.fill(x: inside.x + labelWidth, y: y, count: fieldWidth, style: .reverse)
                }
                // The end of a long entry stays visible, where the typing happens.
                let shown = String(line.text.suffix(max(0, fieldWidth - 1)))
                grid.write(shown, x: inside.x + labelWidth, y: y, style: focused ? .reverse : .plain, maxWidth: fieldWidth)
            } else {
                grid.write(line.text, x: inside.x + (line.style == .plain ? 0 : labelWidth), y: y, style: line.style,
                           maxWidth: inside.width - labelWidth)
            }
        }
    }
}
