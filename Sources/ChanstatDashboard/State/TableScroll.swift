/// How a table scrolls, as ratatui's `TableState` does: the first row shown stays where it is until the selected
/// row would leave the rows on screen, and then moves just far enough to keep it there. Moving up from the bottom
/// row moves the cursor, not the page. `update` keeps the offset with it, and the table draws by it, so both agree.
enum TableScroll {
    /// The first row shown: `offset`, moved the least that keeps `selected` among the `visible` rows, and never so
    /// far that the end of the table leaves rows of the screen empty.
    static func firstRow(offset: Int, selected: Int?, visible: Int, count: Int) -> Int {
        guard visible > 0 else { return 0 }
        var first = offset
        if let selected {
            if selected < first { first = selected } else if selected >= first + visible { first = selected - visible + 1 }
        }
        return max(0, min(first, count - visible))
    }
}
