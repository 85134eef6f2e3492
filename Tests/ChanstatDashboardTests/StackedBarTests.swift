import ChanstatCore
import Testing
@testable import ChanstatDashboard

@Suite struct StackedBarTests {
    @Test func lengthIsProportionalToTheLargestChannelInEighths() {
        #expect(StackedBar.lengthInEighths(total: 48, largest: 48, cells: 10) == 80)
        #expect(StackedBar.lengthInEighths(total: 24, largest: 48, cells: 10) == 40)
        #expect(StackedBar.lengthInEighths(total: 14, largest: 48, cells: 10) == 23)  // 23.33 rounds down
        #expect(StackedBar.lengthInEighths(total: 15, largest: 48, cells: 1) == 3)    // 2.5 rounds up
        #expect(StackedBar.lengthInEighths(total: 1, largest: 1_000_000, cells: 10) == 1)  // never invisible
        #expect(StackedBar.lengthInEighths(total: 0, largest: 48, cells: 10) == 0)
        #expect(StackedBar.lengthInEighths(total: 5, largest: 5, cells: 0) == 0)
    }

    @Test func hugeCountsDoNotOverflow() {
        let big = Int64.max / 2
        #expect(StackedBar.lengthInEighths(total: big, largest: Int64.max, cells: 60) == 240)
        #expect(StackedBar.segmentWidths([big, big / 2, big / 2], cells: 8) == [4, 2, 2])
    }

    @Test func largestRemainderRounding() {
        #expect(StackedBar.segmentWidths([1, 1, 1], cells: 10) == [4, 3, 3])  // ties go to the earlier status
        #expect(StackedBar.segmentWidths([12, 4, 2, 30], cells: 35) == [9, 3, 1, 22])
        #expect(StackedBar.segmentWidths([0, 0, 0, 0], cells: 10) == [0, 0, 0, 0])
        #expect(StackedBar.segmentWidths([5, 5], cells: 0) == [0, 0])
    }

    @Test func aNonzeroStatusNeverVanishesFromAFourCellBar() {
        #expect(StackedBar.segmentWidths([1000, 1, 1, 1], cells: 4) == [1, 1, 1, 1])
        #expect(StackedBar.segmentWidths([1, 1000, 0, 1], cells: 5) == [1, 3, 0, 1])
        // Below four cells there is no such promise: the small ones may go.
        #expect(StackedBar.segmentWidths([1000, 1, 1, 1], cells: 3) == [3, 0, 0, 0])
    }

    /// Issue 14 item 17: open (the first count) keeps a cell from 2 cells on: 1 open beside 2 snoozed was
    /// drawn all snoozed; beside two equal others it takes the cell of the smaller.
    @Test func openNeverVanishesFromATwoCellBar() {
        #expect(StackedBar.segmentWidths([1, 0, 2, 0], cells: 1) == [0, 0, 1, 0])
        #expect(StackedBar.segmentWidths([1, 0, 9, 0], cells: 2) == [1, 0, 1, 0])
        #expect(StackedBar.segmentWidths([1, 5, 6, 0], cells: 2) == [1, 0, 1, 0])
        #expect(StackedBar.segmentWidths([1, 0, 0, 50], cells: 3) == [1, 0, 0, 2])
    }

    /// Property-style: for many inputs the widths add up to the bar, each stays within one cell of its
    /// exact share (two when a vanishing status had to be given a cell), and no nonzero status vanishes
    /// from a bar of four cells or more.
    @Test func roundingPropertiesHoldForManyInputs() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<5000 {
            let counts = (0..<4).map { _ in generator.next() % 4 == 0 ? 0 : Int64(generator.next() % 10_000) }
            let cells = Int(generator.next() % 80)
            let widths = StackedBar.segmentWidths(counts, cells: cells)
            let total = counts.reduce(0, +)
            guard total > 0, cells > 0 else {
                #expect(widths.allSatisfy { $0 == 0 })
                continue
            }
            #expect(widths.reduce(0, +) == cells, "\(counts) in \(cells)")
            for (count, width) in zip(counts, widths) {
                let exact = Double(count) * Double(cells) / Double(total)
                #expect(abs(Double(width) - exact) < 4, "\(counts) in \(cells): \(widths)")
                if count == 0 { #expect(width == 0) }
                if cells >= 4, count > 0 { #expect(width >= 1, "\(counts) in \(cells): \(widths)") }
            }
        }
    }

    @Test func segmentsEndWithAPartialCellOfTheLastStatus() {
        let counts = Fixtures.counts(3, 10, 1, 0)  // open 3, resolved 10, pending 1
        let segments = StackedBar.segments(for: counts, largest: 48, cells: 10, eighthPrecision: true)
        // 14/48 of 80 eighths = 23: two whole cells and a 7/8 cell.
        #expect(segments == [
            .init(status: .open, cells: 1, partialEighths: 0),
            .init(status: .resolved, cells: 1, partialEighths: 7),
        ])
        let whole = StackedBar.segments(for: counts, largest: 48, cells: 10, eighthPrecision: false)
        #expect(whole == [
            .init(status: .open, cells: 1, partialEighths: 0),
            .init(status: .resolved, cells: 2, partialEighths: 0),
        ])
    }
}
