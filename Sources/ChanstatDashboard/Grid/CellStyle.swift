import ChanstatCore

/// Colours by meaning, not by number: the terminal edge maps them onto the palette, and a no-colour
/// display simply ignores them (statuses are then told apart by glyphs).
public enum SemanticColor: Hashable, Sendable, CaseIterable {
    case open, pending, snoozed, resolved
    /// Titles and the selected range.
    case accent
    /// Errors: the stale-data banner and form messages.
    case error
    /// Secondary text such as the footer's descriptions.
    case muted
    /// A count that went up or down from the previous period (the sign is always shown too).
    case increase, decrease
    /// The queue's wait ages, shortest to longest: a sequential scale (`GlyphSet.waitFills` says the same).
    case waitUnderHour, waitHours, waitDay, waitDays, waitWeek

    public init(_ age: WaitAge) {
        switch age {
        case .underOneHour: self = .waitUnderHour
        case .oneToFourHours: self = .waitHours
        case .fourToTwentyFourHours: self = .waitDay
        case .oneToSevenDays: self = .waitDays
        case .overSevenDays: self = .waitWeek
        }
    }

    public init(_ status: ConversationStatus) {
        switch status {
        case .open: self = .open
        case .pending: self = .pending
        case .snoozed: self = .snoozed
        case .resolved: self = .resolved
        }
    }
}

/// How one cell is drawn. `nil` colours mean the terminal's default, which keeps light and dark
/// backgrounds readable.
public struct CellStyle: Hashable, Sendable {
    public var foreground: SemanticColor?
    public var background: SemanticColor?
    public var bold: Bool
    public var reverse: Bool
    /// An input field's extent (the range form's focused field).
    public var underline: Bool

    public init(foreground: SemanticColor? = nil, background: SemanticColor? = nil,
                bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = CellStyle()
    public static let bold = CellStyle(bold: true)
    public static let reverse = CellStyle(reverse: true)

    /// The same style without colours: what a display without colour draws.
    public var withoutColor: CellStyle {
        CellStyle(bold: bold, reverse: reverse, underline: underline)
    }
}
