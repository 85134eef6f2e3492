import ChanstatCore

/// `d`: the custom range form. The focused field is drawn underlined (its extent), its cursor as one reverse
/// cell (the terminal's own cursor stays hidden), and a selected text (what typing replaces: on opening and
/// after Tab) all in reverse, as a selection is drawn anywhere: attributes only, so it reads without colour.
/// An error is written, wrapped, under the field it belongs to.
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
            lines.append((field, form[field].string, .plain))
            if let error = form.error, error.field == field {
                // The contract's sentence on lines of its own, then the hint, so neither is split mid-phrase.
                let sentence = error.message + (form.errorHint == nil ? "" : ";")
                for line in Formatting.wrap(sentence, width: fieldWidth) + (form.errorHint.map { Formatting.wrap($0, width: fieldWidth) } ?? []) {
                    lines.append((nil, line, style.error))
                }
            }
        }
        lines.append((nil, "", .plain))
        lines.append((nil, "Tab switch  Enter apply  Esc cancel", style.muted))
        lines.append((nil, "typing replaces; arrows, ^U ^K ^W edit", style.muted))
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
                    drawFocused(form[field], x: inside.x + labelWidth, y: y, width: fieldWidth, into: &grid)
                } else {
                    grid.write(line.text, x: inside.x + labelWidth, y: y, style: .plain, maxWidth: fieldWidth)
                }
            } else {
                grid.write(line.text, x: inside.x + (line.style == .plain ? 0 : labelWidth), y: y, style: line.style,
                           maxWidth: inside.width - labelWidth)
            }
        }
    }

    static let field = CellStyle(underline: true)
    /// The selection, or the cursor's cell.
    static let highlight = CellStyle(reverse: true, underline: true)

    /// The focused line, scrolled so that the cursor (one cell past the text at the end) is in view: the
    /// selection in reverse, or else the cursor's cell.
    private static func drawFocused(_ line: EditableLine, x: Int, y: Int, width: Int, into grid: inout CellGrid) {
        guard width > 0 else { return }
        grid.fill(x: x, y: y, count: width, style: field)
        let first = max(0, line.cursor - (width - 1))
        let shown = line.text.dropFirst(first).prefix(width)
        grid.write(String(shown), x: x, y: y, style: line.isSelected ? highlight : field, maxWidth: width)
        guard !line.isSelected else { return }
        let cursorX = x + line.cursor - first
        let underCursor = line.cursor < line.text.count ? String(line.text[line.cursor]) : " "
        grid.write(underCursor, x: cursorX, y: y, style: highlight, maxWidth: 1)
    }
}
