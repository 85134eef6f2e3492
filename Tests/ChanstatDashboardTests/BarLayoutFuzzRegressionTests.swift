import ChanstatCore
@testable import ChanstatDashboard
import Testing

/// Inputs BarLayoutFuzz (scripts/fuzz) found, kept so the bugs stay fixed.
@Suite struct BarLayoutFuzzRegressionTests {
    /// Counts whose sum does not fit in 64 bits: the sum wrapped to a negative number and the bar came out
    /// empty (or, for a small positive wrap, the division trapped). Widths must still fill the bar and
    /// keep every status present.
    @Test func countsWhoseSumOverflowsStillFillTheBar() {
        let counts: [Int64] = [2_522_015_791_343_730_688, 9_079_256_801_538_801_664, 33_554_432, 263_943]
        let widths = StackedBar.segmentWidths(counts, cells: 40)
        #expect(widths.reduce(0, +) == 40)
        #expect(widths.allSatisfy { $0 > 0 })
        #expect(widths[1] > widths[0])
    }

    @Test func aSumThatWrapsToASmallPositiveNumberDoesNotTrap() {
        let widths = StackedBar.segmentWidths([.max, .max, 3], cells: 10)
        #expect(widths.reduce(0, +) == 10)
        #expect(widths[2] == 1)
    }
}
