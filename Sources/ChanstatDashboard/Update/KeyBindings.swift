import ChanstatCore

/// What a key does on the main screen. The one table below drives dispatch, the footer and the help screen
/// (as k9s builds its help from the key actions that handle the keys), so a key cannot be in one and not the
/// others.
enum DashboardAction: Equatable, Sendable {
    case quit, help, refresh, preset(RangePreset), step(Int64), customRange, compare, trend, down, back, nextBreakdown
    case queue
    case faster, slower, pause, nextSort, reverseSort, move(Int)
    /// PgDn (1) and PgUp (-1): the selection and the rows shown move by what fits on screen.
    case page(Int)
}

struct KeyBinding: Sendable {
    /// A footer entry: its keys as written there, its word, its place (lower first; as many as fit), and the
    /// screens it is shown on.
    struct Footer: Sendable {
        let keys: String
        let word: String
        let rank: Int
        var shownOn: Screens = .all
    }

    /// The screens a footer entry belongs to: Enter opens a row of a table that has a level below it (not a list of
    /// conversations, the bottom, nor the trend), and Esc goes back only from a drill-down (a channel's inboxes, a
    /// list, the trend, the queue).
    enum Screens: Sendable {
        case all, openable, drillDown

        func includes(drillDown: Bool, canOpen: Bool) -> Bool {
            switch self {
            case .all: true
            case .openable: canOpen
            case .drillDown: drillDown
            }
        }
    }

    let keys: [Key]
    /// How the keys are written in the help.
    let shown: String
    let footer: Footer?
    /// The help line; nil when the binding before it says it too ("[ ]  Step the range back / forward").
    let help: String?
    let action: DashboardAction

    init(_ keys: [Key], _ shown: String, footer: Footer? = nil, help: String?, _ action: DashboardAction) {
        self.keys = keys
        self.shown = shown
        self.footer = footer
        self.help = help
        self.action = action
    }

    /// In help order: ranges first, then what acts on them, the table, refresh, help and quit.
    static let main: [KeyBinding] = RangePreset.allCases.map { preset in
        let digits = RangePreset.allCases.map(\.digit)
        return KeyBinding([.character(Character("\(preset.digit)"))], "\(preset.digit)",
                          footer: preset == RangePreset.allCases.first
                              ? Footer(keys: "\(digits.min()!)-\(digits.max()!)", word: "range", rank: 4) : nil,
                          help: preset.title, .preset(preset))
    } + [
        KeyBinding([.character("[")], "[  ]", footer: Footer(keys: "[ ]", word: "step", rank: 5),
                   help: "Step the range back / forward", .step(-1)),
        KeyBinding([.character("]")], "]", help: nil, .step(1)),
        KeyBinding([.character("d")], "d", footer: Footer(keys: "d", word: "dates", rank: 9),
                   help: "Custom range (Tab, Enter, Esc)", .customRange),
        KeyBinding([.character("c")], "c", footer: Footer(keys: "c", word: "compare", rank: 6),
                   help: "Compare with the previous period", .compare),
        KeyBinding([.character("t")], "t", footer: Footer(keys: "t", word: "trend", rank: 7),
                   help: "Trend: day by day (j k: a group)", .trend),
        KeyBinding([.character("g")], "g  n", footer: Footer(keys: "g", word: "group", rank: 13),
                   help: "Group: channel, team, agent, label / queue", .nextBreakdown),
        KeyBinding([.character("n")], "n", footer: Footer(keys: "n", word: "queue", rank: 14), help: nil, .queue),
        KeyBinding([.enter], "Enter  Esc", footer: Footer(keys: "Enter", word: "open", rank: 8, shownOn: .openable),
                   help: "Open: inboxes, conversations / back", .down),
        KeyBinding([.escape], "Esc", footer: Footer(keys: "Esc", word: "back", rank: 8, shownOn: .drillDown), help: nil, .back),
        KeyBinding([.character("r")], "r", footer: Footer(keys: "r", word: "refresh", rank: 3), help: "Refresh now", .refresh),
        KeyBinding([.character("+"), .character("=")], "+  -", footer: Footer(keys: "+ -", word: "interval", rank: 11),
                   help: "Refresh more / less often", .faster),
        KeyBinding([.character("-"), .character("_")], "-", help: nil, .slower),
        KeyBinding([.character("p")], "p", footer: Footer(keys: "p", word: "pause", rank: 10),
                   help: "Pause or resume auto-refresh", .pause),
        KeyBinding([.down, .character("j")], "j k, arrows", help: "Select a row", .move(1)),
        KeyBinding([.up, .character("k")], "k", help: nil, .move(-1)),
        KeyBinding([.pageDown], "PgUp PgDn", help: "A page up / down", .page(1)),
        KeyBinding([.pageUp], "PgUp", help: nil, .page(-1)),
        KeyBinding([.home], "Home End", help: "The first / last row", .move(Int.min / 2)),
        KeyBinding([.end], "End", help: nil, .move(Int.max / 2)),
        KeyBinding([.character("s")], "s  S", footer: Footer(keys: "s", word: "sort", rank: 12),
                   help: "Sort by next column / reverse", .nextSort),
        KeyBinding([.character("S")], "S", help: nil, .reverseSort),
        KeyBinding([.character("?")], "?", footer: Footer(keys: "?", word: "help", rank: 2),
                   help: "Help (j k scroll it, other keys close it)", .help),
        KeyBinding([.character("q")], "q, Ctrl-C", footer: Footer(keys: "q", word: "quit", rank: 1), help: "Quit", .quit),
    ]

    /// The help screen's lines: one per binding that has one.
    static var help: [(keys: String, action: String)] {
        main.compactMap { binding in binding.help.map { (keys: binding.shown, action: $0) } }
    }

    /// The footer's entries on the channel list or in a drill-down, where Enter opens a row or not, by rank.
    static func footer(inDrillDown drillDown: Bool, canOpen: Bool) -> [(key: String, action: String)] {
        main.compactMap(\.footer).filter { $0.shownOn.includes(drillDown: drillDown, canOpen: canOpen) }
            .sorted { $0.rank < $1.rank }
            .map { (key: $0.keys, action: $0.word) }
    }

    static func action(for key: Key) -> DashboardAction? {
        main.first { $0.keys.contains(key) }?.action
    }
}
