/// The bottom line: the keys of the screen on show (from the one key table), as many as fit, whole entries only.
enum FooterWidget {
    static func entries(_ state: DashboardState) -> [(key: String, action: String)] {
        KeyBinding.footer(inDrillDown: state.inboxView != nil || state.trend != nil || state.queue != nil
                              || state.conversations != nil,
                          canOpen: state.trend == nil && state.conversations == nil)
    }

    static func draw(_ state: DashboardState, y: Int, x: Int, width: Int, into grid: inout CellGrid, style: Styles) {
        var column = x
        for (key, action) in entries(state) {
            let entryWidth = key.count + 1 + action.count
            guard column + entryWidth <= x + width else { return }
            grid.write(key, x: column, y: y, style: style.key)
            grid.write(action, x: column + key.count + 1, y: y, style: style.muted)
            column += entryWidth + 2
        }
    }
}
