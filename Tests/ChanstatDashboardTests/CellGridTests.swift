import ChanstatCore
import Testing
@testable import ChanstatDashboard

@Suite struct CellGridTests {
    @Test func displayWidthCountsWideAsTwoAndCombiningAsZero() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("e\u{301}") == 1)       // e + combining acute: one grapheme, one column
        #expect(DisplayWidth.of("\u{301}") == 0)
        #expect(DisplayWidth.of("한글") == 4)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("█▏…") == 3)
    }

    @Test func writesAreClippedToTheGrid() {
        var grid = CellGrid(width: 5, height: 2)
        #expect(grid.write("abcdefgh", x: 2, y: 0) == 3)
        grid.write("zz", x: -1, y: 1)
        grid.write("never", x: 0, y: 2)
        grid.write("never", x: 0, y: -1)
        #expect(grid.lines() == ["  abc", "z"])  // the first "z" fell left of the grid
    }

    @Test func wideCharactersTakeTwoCellsAndAreNeverCutInHalf() {
        var grid = CellGrid(width: 5, height: 3)
        grid.write("日本語", x: 0, y: 0)          // the third does not fit in the last cell: a space instead
        grid.write("日本", x: 0, y: 1)
        grid.write("x", x: 1, y: 1)              // overwriting the right half blanks the left
        grid.write("ab日", x: 0, y: 2, maxWidth: 3)
        #expect(grid.lines() == ["日本", " x本", "ab"])
        #expect(grid[1, 0].isContinuation)
    }

    @Test func asciiOnlyGridsWriteAQuestionMarkPerColumn() {
        var grid = CellGrid(width: 10, height: 1, asciiOnly: true)
        grid.write("a日é", x: 0, y: 0)
        #expect(grid.lines() == ["a???"])
    }

    @Test func fittingTextEndsInAnEllipsis() {
        #expect("Website".fitted(toWidth: 5, ellipsis: "…") == "Webs…")
        #expect("Website".fitted(toWidth: 7, ellipsis: "…") == "Website")
        #expect("日本語".fitted(toWidth: 4, ellipsis: "…") == "日…")
        #expect("abc".fitted(toWidth: 0, ellipsis: "…") == "")
    }

    @Test func zeroAndNegativeSizesMakeAnEmptyGrid() {
        var grid = CellGrid(width: -3, height: 0)
        grid.write("x", x: 0, y: 0)
        grid.fill(x: 0, y: 0, count: 5)
        #expect(grid.lines() == [])
        #expect(grid.width == 0)
    }
}
