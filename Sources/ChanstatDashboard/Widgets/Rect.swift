/// An area of the grid that a widget draws in.
public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A box of at most this size, centred in this area.
    func centered(width boxWidth: Int, height boxHeight: Int) -> Rect {
        let w = min(width, boxWidth), h = min(height, boxHeight)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }
}

/// A bordered box with a title, cleared inside: what overlays sit in.
enum Box {
    /// Draws the box and returns the area inside its border.
    @discardableResult
    static func draw(_ area: Rect, title: String, into grid: inout CellGrid, glyphs: GlyphSet,
                     style: CellStyle = .plain) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        let inner = area.width - 2
        let c = glyphs.corners
        grid.write(String(c.topLeft) + String(repeating: String(glyphs.horizontalRule), count: inner) + String(c.topRight),
                   x: area.x, y: area.y, style: style)
        for row in 1..<(area.height - 1) {
            grid.write(String(glyphs.verticalRule), x: area.x, y: area.y + row, style: style)
            grid.fill(x: area.x + 1, y: area.y + row, count: inner)
            grid.write(String(glyphs.verticalRule), x: area.x + area.width - 1, y: area.y + row, style: style)
        }
        grid.write(String(c.bottomLeft) + String(repeating: String(glyphs.horizontalRule), count: inner) + String(c.bottomRight),
                   x: area.x, y: area.y + area.height - 1, style: style)
        let shownTitle = " \(title) ".fitted(toWidth: max(0, inner - 2), ellipsis: glyphs.ellipsis)
        grid.write(shownTitle, x: area.x + 2, y: area.y, style: .bold, maxWidth: max(0, inner - 2))
        return Rect(x: area.x + 2, y: area.y + 1, width: area.width - 4, height: area.height - 2)
    }
}
