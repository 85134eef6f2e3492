import ChanstatCore

/// One terminal cell: a code point that takes columns (with the zero-width ones after it) and its style. A wide
/// one occupies its cell and the next one, which holds the empty string as a continuation so that columns
/// always line up.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: CellStyle

    public init(_ text: String = " ", style: CellStyle = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { text.isEmpty }
}

/// What widgets draw into and what the terminal edge copies to the screen: a buffer of cells, never
/// the terminal itself. Writes are clipped to the grid, so a widget cannot draw outside it whatever
/// the size; tests compare `lines()` with the lines they expect.
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// When true, every non-ASCII grapheme is written as `?` (one per column), for terminals whose
    /// locale is not UTF-8: the edge cannot draw anything else there.
    public let asciiOnly: Bool
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, asciiOnly: Bool = false) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.asciiOnly = asciiOnly
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Writes text from column `x`, stopping at `x + maxWidth` (or the grid's edge); returns the columns
    /// used. A wide grapheme that would straddle the limit is replaced by a space.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: CellStyle = .plain,
                               maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in text {
            for (piece, pieceWidth) in drawable(character) {
                guard pieceWidth > 0 else { continue }
                if column + pieceWidth > limit {
                    if column < limit, column >= 0 { put(" ", width: 1, x: column, y: y, style: style) }
                    return max(0, limit - x)
                }
                if column >= 0 { put(piece, width: pieceWidth, x: column, y: y, style: style) }
                column += pieceWidth
            }
        }
        return column - x
    }

    /// Fills a span of a row with one grapheme (a rule, a background, a run of bar glyphs).
    public mutating func fill(_ character: Character = " ", x: Int, y: Int, count: Int, style: CellStyle = .plain) {
        guard count > 0 else { return }
        write(String(repeating: String(character), count: count), x: x, y: y, style: style, maxWidth: count)
    }

    /// Restyles cells without changing their text: the selected row, a highlighted key.
    public mutating func restyle(x: Int, y: Int, count: Int, _ change: (inout CellStyle) -> Void) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<max(max(0, x), min(width, x + count)) {
            change(&cells[y * width + column].style)
        }
    }

    /// The text of each row with trailing spaces removed: what a test compares.
    public func lines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width { line += self[x, y].text }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// One character per cell describing its style, for tests of colour and emphasis.
    public func styleLines(_ code: (CellStyle) -> Character) -> [String] {
        (0..<height).map { y in String((0..<width).map { code(self[$0, y].style) }) }
    }

    // MARK: - Private

    /// A grapheme as the terminal places it: one piece per code point that takes columns, each with the
    /// zero-width code points after it (a flag is two cells of one column, "👍🏽" two wide cells), so a cell is
    /// never wider than two and the grid's columns are the terminal's (`DisplayWidth`).
    private func drawable(_ character: Character) -> [(String, Int)] {
        let characterWidth = DisplayWidth.of(character)
        if asciiOnly, !character.isASCII {
            return Array(repeating: ("?", 1), count: characterWidth)
        }
        var pieces: [(String, Int)] = []
        for scalar in character.unicodeScalars {
            let width = DisplayWidth.of(scalar)
            if width == 0, !pieces.isEmpty {
                pieces[pieces.count - 1].0.unicodeScalars.append(scalar)
            } else {
                pieces.append((String(scalar), width))
            }
        }
        return pieces
    }

    /// Puts one grapheme, first blanking any wide grapheme it would cut in half.
    private mutating func put(_ text: String, width pieceWidth: Int, x: Int, y: Int, style: CellStyle) {
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        let end = x + pieceWidth
        if end < width, cells[y * width + end].isContinuation {
            cells[y * width + end] = Cell(" ", style: cells[y * width + end].style)
        }
        cells[index] = Cell(text, style: style)
        if pieceWidth == 2, x + 1 < width {
            cells[index + 1] = Cell("", style: style)
        }
    }
}
