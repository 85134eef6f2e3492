/// What a terminal too small for the dashboard shows: the size it needs, centred, cut to whatever fits.
enum TooSmallWidget {
    static func draw(width: Int, height: Int, into grid: inout CellGrid, style: Styles) {
        let lines = ["Terminal too small", "need \(DashboardLayout.minimumWidth)x\(DashboardLayout.minimumHeight)",
                     "have \(width)x\(height)", "q quits"]
        let top = max(0, (height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            grid.write(line, x: max(0, (width - line.count) / 2), y: top + index,
                       style: index == 0 ? style.error : .plain)
        }
    }
}
