import ChanstatCore
import Testing
@testable import ChanstatDashboard

/// Hostile data through the dashboard's rendering: whatever a source says, the grid holds no control
/// characters, every cell is one column (or a wide grapheme and its continuation), and nothing crashes.
@Suite struct HostileDataViewTests {
    typealias F = Fixtures

    static let hostileTypes = [
        "Channel::\u{1B}[31mRed\u{1B}[0m", "Channel::\u{1B}]0;pwned\u{07}", "Channel::C1\u{9B}31m",
        "Channel::\u{202E}txt.exe", "Channel::Zero\u{200B}Width", "Channel::" + String(repeating: "e\u{301}", count: 30),
        "Channel::👩‍👩‍👧 日本語", "Channel::" + String(repeating: "x", count: 10_000), "",
    ]

    /// True when no cell can move the cursor, colour or reorder text, and wide graphemes are followed by a
    /// continuation cell, so the grid is exactly as wide on screen as it is in memory.
    static func isWellFormed(_ grid: CellGrid) -> Bool {
        for y in 0..<grid.height {
            var x = 0
            while x < grid.width {
                let cell = grid[x, y]
                guard TerminalSafeText.isSafe(cell.text) else { return false }
                let width = DisplayWidth.of(cell.text)
                if width == 2 {
                    guard x + 1 < grid.width, grid[x + 1, y].isContinuation else { return false }
                    x += 2
                } else {
                    guard width == 1 || cell.isContinuation else { return false }
                    x += 1
                }
            }
        }
        return true
    }

    static let sizes = [(20, 5), (40, 12), (80, 24), (120, 40), (300, 80)]

    @Test(arguments: [GlyphSet.unicode, GlyphSet.ascii])
    func hostileChannelTypesRenderSafely(glyphs: GlyphSet) {
        let summary = ChannelSummary(channels: Dictionary(uniqueKeysWithValues: Self.hostileTypes.enumerated().map {
            ($1, F.counts(Int64($0 + 1), 1, 0, 0))
        }))
        let state = F.loaded(summary, glyphs: glyphs)
        for (width, height) in Self.sizes {
            let grid = Dashboard.view(state, width: width, height: height)
            #expect(Self.isWellFormed(grid), "\(width)x\(height)")
            if glyphs == .ascii {
                #expect(grid.lines().allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
            }
        }
        let lines = Dashboard.view(state, width: 120, height: 40).lines()
        #expect(lines.contains { $0.contains(glyphs == .ascii ? "?[31mRed" : "\u{FFFD}[31mRed") })
        #expect(lines.contains { $0.hasPrefix("(unnamed)") })
    }

    @Test func thousandsOfChannelTypesScrollAndKeepTheirTotal() {
        let summary = ChannelSummary(channels: Dictionary(uniqueKeysWithValues: (0..<3_000).map {
            ("Channel::Type\($0)", F.counts(1, 2, 0, 0))
        }))
        let state = F.loaded(summary)
        let lines = Dashboard.view(state, width: 80, height: 24).lines()
        #expect(lines.contains { $0.hasPrefix("Total") && $0.contains("3000") && $0.contains("9000") })
        #expect(Self.isWellFormed(Dashboard.view(state, width: 80, height: 24)))
        // Moving the selection far down scrolls rather than running off the grid.
        let moved = [Key.end, .up, .pageDown, .down].reduce(state) { Dashboard.update($0, .key($1), now: F.now).0 }
        #expect(moved.channels.selected == moved.visibleRows.last?.key)
        #expect(Self.isWellFormed(Dashboard.view(moved, width: 80, height: 24)))
    }

    @Test func countsNearTheLimitDoNotOverflow() {
        let huge = Int64.max / 2 + 1
        let summary = ChannelSummary(channels: ["Channel::Email": F.counts(huge, 0, 0, 0),
                                                "Channel::Sms": F.counts(huge, 0, 0, 0)])
        #expect(summary.totals == nil, "the sum does not fit in 64 bits")
        for (width, height) in Self.sizes {
            let grid = Dashboard.view(F.loaded(summary), width: width, height: height)
            #expect(Self.isWellFormed(grid))
        }
        let lines = Dashboard.view(F.loaded(summary), width: 120, height: 40).lines()
        #expect(lines.contains { $0.contains(String(huge)) })
    }
}
