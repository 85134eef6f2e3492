import ChanstatCore

/// The characters the dashboard draws with, as data: one Unicode set and one ASCII set, chosen once
/// (the ASCII set for a locale that is not UTF-8, or `--ascii`). Widgets take their glyphs from here, except the
/// table's change column, which spells its ▲/▼ and ± itself after asking `asciiOnly` (`TableWidget.changeText`).
public struct GlyphSet: Equatable, Sendable {
    /// Per status, the fill of its bar segment when there is no colour to tell statuses apart.
    public let statusFills: [ConversationStatus: Character]
    /// The fill of every segment when colour tells them apart.
    public let solidFill: Character
    /// Partial cells at the end of a bar: index n is n eighths of a cell (index 0 unused).
    /// Empty when the set has none: bars then end on whole cells.
    public let eighths: [Character]
    /// The same for the top of a column (the trend view): index n is n eighths of a cell's height.
    public let verticalEighths: [Character]
    public let ellipsis: Character
    public let horizontalRule: Character
    public let verticalRule: Character
    public let corners: (topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character)
    public let rangeDash: String
    public let selectionMarker: Character
    public let asciiOnly: Bool
    /// Per wait age (the queue's bar), shortest first: a scale of densities that reads as "longer" without colour,
    /// and is drawn with it as well when there is colour, so the ages never depend on telling hues apart.
    public let waitFills: [Character]

    public static let unicode = GlyphSet(
        statusFills: [.open: "█", .pending: "▓", .snoozed: "▒", .resolved: "░"],
        solidFill: "█",
        eighths: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        verticalEighths: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇"],
        ellipsis: "…", horizontalRule: "─", verticalRule: "│",
        corners: ("┌", "┐", "└", "┘"), rangeDash: " – ", selectionMarker: "›", asciiOnly: false,
        waitFills: ["·", "░", "▒", "▓", "█"])

    public static let ascii = GlyphSet(
        statusFills: StackedBar.asciiFills,
        solidFill: "#",
        eighths: [],
        verticalEighths: [],
        ellipsis: "~", horizontalRule: "-", verticalRule: "|",
        corners: ("+", "+", "+", "+"), rangeDash: " - ", selectionMarker: ">", asciiOnly: true,
        waitFills: [".", ":", "+", "#", "@"])

    /// ASCII glyphs stay distinct even with colour: a `#` bar in four colours reads worse than four glyphs.
    public func fill(for status: ConversationStatus, colored: Bool) -> Character {
        colored && !asciiOnly ? solidFill : statusFills[status] ?? solidFill
    }

    /// The fill of a wait age's segment of the queue's bar.
    public func waitFill(_ age: WaitAge) -> Character {
        waitFills[WaitAge.allCases.firstIndex(of: age)!]
    }

    public var hasEighths: Bool { eighths.count == 8 }

    public static func == (lhs: GlyphSet, rhs: GlyphSet) -> Bool {
        lhs.statusFills == rhs.statusFills && lhs.solidFill == rhs.solidFill && lhs.eighths == rhs.eighths
            && lhs.asciiOnly == rhs.asciiOnly
    }
}

/// How the screen can be drawn: chosen once by the terminal edge from the locale, `--ascii`, `--color`
/// and `NO_COLOR`.
public struct DisplayOptions: Equatable, Sendable {
    public var glyphs: GlyphSet
    public var colored: Bool

    public init(glyphs: GlyphSet = .unicode, colored: Bool = true) {
        self.glyphs = glyphs
        self.colored = colored
    }

    /// Whether bars and trend columns end on an eighth of a cell: only with colour, since without it a partial
    /// cell (▌, ▄) would look like Open's fill (█). Both glyph sets with eighths have them either way.
    public var drawsEighths: Bool { colored && glyphs.hasEighths && glyphs.verticalEighths.count == 8 }
}
