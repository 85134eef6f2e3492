import Foundation

/// The dashboard's other views, key to complete frame, measured from outside as the range keys are: `g` through the
/// breakdowns (each a new query), `n` to the queue and back, Enter from the selected row to its conversations and Esc
/// back, from a breakdown and from the queue. "Complete" is read from the screen: the header names what is shown (the
/// header is drawn from the data on screen, not from the key pressed), nothing is loading, and the view's own last
/// piece is there (a table's totals row, a list's "N of M" title).
extension DashboardBenchmark {
    /// One key's presses: what it leads to, and each press's time to that frame.
    struct ViewKey {
        let what: String
        var seconds: [Double] = []
    }

    enum Breakdown: String, CaseIterable {
        case team, agent, label, channel

        /// The table's first column title.
        var column: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    /// `rounds` times each: `g` four times (channel → team → agent → label → channel), then in the team breakdown
    /// Enter and Esc, then `n` and `n` back, then in the queue Enter and Esc. On the last 6 months, the range of
    /// `report`'s figures.
    func measureViewKeys(arguments: [String], rounds: Int) throws -> [ViewKey] {
        let tmux = Tmux.fresh("views")
        defer { tmux.kill() }
        try tmux.start(command: ([chanstat] + arguments + ["--range", "6m", "--refresh", "3600"]).map(Tmux.quote)
                        .joined(separator: " "), environment: environment)
        let title = "Last 6 months"
        try tmux.waitFor(timeout: 60) { Self.isRangeFrame($0, title: title, by: .channel) }

        var keys = Breakdown.allCases.map { ViewKey(what: "g to by \($0.rawValue)") }
        var open = ViewKey(what: "Enter: a team's conversations"), close = ViewKey(what: "Esc: back to the teams")
        var queue = ViewKey(what: "n: the queue now"), back = ViewKey(what: "n: back to the range")
        var openQueued = ViewKey(what: "Enter: a queue row's open conversations")
        var closeQueued = ViewKey(what: "Esc: back to the queue")
        func time(_ key: String, into record: inout ViewKey, until frame: @escaping (String) -> Bool) throws {
            let pressed = Date()
            try tmux.sendKeys(key)
            try tmux.waitFor(timeout: 60, frame)
            record.seconds.append(Date().timeIntervalSince(pressed))
        }
        for _ in 0..<rounds {
            for (index, breakdown) in Breakdown.allCases.enumerated() {
                try time("g", into: &keys[index]) { Self.isRangeFrame($0, title: title, by: breakdown) }
            }
        }
        try time("g", into: &keys[0]) { Self.isRangeFrame($0, title: title, by: .team) }
        for _ in 0..<rounds {
            try time("Enter", into: &open) { Self.isListFrame($0) }
            try time("Escape", into: &close) { Self.isRangeFrame($0, title: title, by: .team) }
        }
        // Back to the channels, untimed (the g figures above have these presses).
        for breakdown in Breakdown.allCases.dropFirst() {
            try tmux.sendKeys("g")
            try tmux.waitFor(timeout: 60) { Self.isRangeFrame($0, title: title, by: breakdown) }
        }
        for round in 0..<rounds {
            try time("n", into: &queue) { Self.isQueueFrame($0) }
            if round == 0 {
                try time("Enter", into: &openQueued) { Self.isListFrame($0) }
                try time("Escape", into: &closeQueued) { Self.isQueueFrame($0) }
            }
            try time("n", into: &back) { Self.isRangeFrame($0, title: title, by: .channel) }
        }
        // The queue's list, the remaining rounds (the queue stays open between them).
        if rounds > 1 {
            try tmux.sendKeys("n")
            try tmux.waitFor(timeout: 60) { Self.isQueueFrame($0) }
            for _ in 1..<rounds {
                try time("Enter", into: &openQueued) { Self.isListFrame($0) }
                try time("Escape", into: &closeQueued) { Self.isQueueFrame($0) }
            }
        }
        try tmux.sendKeys("q")
        return keys + [open, close, queue, back, openQueued, closeQueued]
    }

    /// The table of `measureViewKeys`' figures, a column per source, then every press of each.
    static func printViewKeys(_ views: [(source: String, keys: [ViewKey])], rounds: Int) {
        print("\nthe other views, last 6 months, key to complete frame, median and max of each key's presses (\(rounds) rounds)\n")
        print("| key | " + views.map(\.source).joined(separator: " | ") + " |")
        print("|---|" + String(repeating: "---|", count: views.count))
        for (index, key) in (views.first?.keys ?? []).enumerated() {
            let cells = views.map { String(format: "%.0f ms, %.0f ms", median($0.keys[index].seconds) * 1000,
                                           ($0.keys[index].seconds.max() ?? .nan) * 1000) }
            print("| \(key.what) | " + cells.joined(separator: " | ") + " |")
        }
        for (source, keys) in views {
            print("  \(source), each press: " + keys.map { key in
                "\(key.what) " + key.seconds.map { String(format: "%.0f", $0 * 1000) }.joined(separator: "/")
            }.joined(separator: "; ") + " ms")
        }
    }

    private static func lines(_ screen: String) -> [Substring] {
        screen.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Nothing is being read: the header's right side says "refreshing…" while a load runs.
    private static func isSettled(_ screen: String) -> Bool {
        !(lines(screen).first ?? "").contains("refreshing")
    }

    /// The range view by `breakdown`: loaded (`isLoaded`), no queue or list over it, the header naming the breakdown
    /// ("by team"; nothing for channels) and the table's column titled after it.
    static func isRangeFrame(_ screen: String, title: String, by breakdown: Breakdown) -> Bool {
        let lines = lines(screen)
        guard isLoaded(screen, title: title), isSettled(screen), let header = lines.first,
              !header.contains("the queue now"), !showsList(header) else { return false }
        let named = breakdown == .channel ? !header.contains("  by ") : header.contains("  by \(breakdown.rawValue)")
        return named && lines.contains { $0.hasPrefix(breakdown.column + " ") }
    }

    /// The queue: the header says so, the second line when it was read, and its totals row is drawn.
    static func isQueueFrame(_ screen: String) -> Bool {
        let lines = lines(screen)
        guard lines.count > 2, isSettled(screen), lines[0].contains("the queue now"),
              !showsList(lines[0]), lines[1].hasPrefix("The queue now  read") else { return false }
        return lines.contains { $0.hasPrefix("Total ") }
    }

    /// The header's last step is a list: "› conversations", which a long source name cuts to "› conversat…" (a
    /// PostgreSQL source's name holds its address).
    private static func showsList(_ header: Substring) -> Bool {
        header.contains("› conversat")
    }

    /// A list: the header ends in "› conversations" and the list's title line counts them ("Team Support: 200 of
    /// 1234", "…: 12 conversations", "…: 0 conversations"), which is drawn only once the list has been read.
    static func isListFrame(_ screen: String) -> Bool {
        let lines = lines(screen)
        guard isSettled(screen), let header = lines.first, showsList(header) else { return false }
        return lines.contains { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.firstMatch(of: listTitle) != nil
        }
    }

    nonisolated(unsafe) private static let listTitle = try! Regex(#": [0-9,]+ (of [0-9,]+|conversations?)$"#)
}
