import ChanstatCore

/// A list of conversations (Enter on a group): a title that says what it is of and how many, `report --list`'s
/// columns, and the selected conversation's address on the last line, as plain text that can be copied. Columns
/// that do not fit are given up from the right; the display id stays.
///
///     Inbox Support: 2 conversations
///        # Status  Inbox   Assignee Team Labels Age Waiting
///       12 Open    Support Ann      -    vip    3h  2h
///     Address: https://chat.example.com/app/accounts/1/conversations/12
enum ConversationListWidget {
    /// Before the address on its line; the terminal layer links the text after it (`Dashboard.hyperlink`).
    static let addressLead = "Address: "

    struct Plan {
        let widths: [Int]
        /// The rows of conversations shown at once.
        let visible: Int
    }

    static func plan(_ view: ConversationListView, in area: Rect) -> Plan {
        let titles = ConversationListTable.titles
        let cells = view.rows.map { ConversationListTable.cells(of: $0, now: view.readAt) }
        var widths = titles.indices.map { column in
            ([titles[column]] + cells.map { $0[column] }).map(DisplayWidth.of).max() ?? 0
        }
        while widths.count > 1, widths.reduce(-1, { $0 + 1 + $1 }) > area.width { widths.removeLast() }
        // Title, column titles and the address line.
        return Plan(widths: widths, visible: max(1, area.height - 3))
    }

    static func draw(_ view: ConversationListView, web: WebAddress?, in area: Rect, into grid: inout CellGrid,
                     display: DisplayOptions, style: Styles) {
        guard let list = view.list, area.height >= 4 else { return }
        let ellipsis = display.glyphs.ellipsis
        let shown = list.conversations.count
        let what = view.fromQueue ? "\(view.title), open now" : view.title
        let count = Int64(shown) == list.count ? "\(list.count) conversation\(list.count == 1 ? "" : "s")"
            : "\(shown) of \(list.count)"
        grid.write("\(what): \(count)".fitted(toWidth: area.width, ellipsis: ellipsis), x: area.x, y: area.y, style: .bold)
        guard shown > 0 else {
            grid.write("No conversations.", x: area.x, y: area.y + 2, style: style.muted, maxWidth: area.width)
            return
        }
        let plan = plan(view, in: area)
        writeColumns(ConversationListTable.titles, plan: plan, x: area.x, y: area.y + 1, width: area.width,
                     ellipsis: ellipsis, into: &grid, style: .bold)
        let selectedIndex = view.rows.firstIndex { ConversationListView.key($0) == view.selected }
        let first = TableScroll.firstRow(offset: view.offset, selected: selectedIndex, visible: plan.visible, count: shown)
        for (index, conversation) in view.rows.dropFirst(first).prefix(plan.visible).enumerated() {
            let y = area.y + 2 + index
            writeColumns(ConversationListTable.cells(of: conversation, now: view.readAt), plan: plan, x: area.x, y: y,
                         width: area.width, ellipsis: ellipsis, into: &grid, style: .plain)
            if first + index == selectedIndex {
                let rowWidth = min(area.width, plan.widths.reduce(-1) { $0 + 1 + $1 })
                grid.restyle(x: area.x, y: y, count: rowWidth) { $0.reverse = true }
            }
        }
        if let address = address(view, web: web) {
            grid.write(addressLead + address, x: area.x, y: area.y + area.height - 1, style: .plain, maxWidth: area.width)
        }
    }

    /// The selected conversation's address in Chatwoot, when the web address is known.
    static func address(_ view: ConversationListView, web: WebAddress?) -> String? {
        guard let list = view.list, let conversation = view.selectedConversation else { return nil }
        return list.url(of: conversation, web: web)
    }

    /// The display id and the two ages right-aligned, names left; the last column shown cut to the width.
    private static func writeColumns(_ texts: [String], plan: Plan, x: Int, y: Int, width: Int, ellipsis: Character,
                                     into grid: inout CellGrid, style: CellStyle) {
        var column = x
        for (index, columnWidth) in plan.widths.enumerated() {
            let room = min(columnWidth, x + width - column)
            guard room > 0 else { return }
            let text = texts[index].fitted(toWidth: room, ellipsis: ellipsis)
            let rightAligned = index == 0 || index >= 6
            grid.write(text, x: rightAligned ? column + room - DisplayWidth.of(text) : column, y: y, style: style)
            column += columnWidth + 1
        }
    }
}

/// Where the terminal layer writes the selected conversation's address again as an OSC 8 hyperlink, over the same
/// text the grid holds: curses cannot put one in its cells.
public struct Hyperlink: Equatable, Sendable {
    public let x: Int
    public let y: Int
    /// The address, which is also the text linked.
    public let url: String
}

extension Dashboard {
    /// The selected conversation's address as a hyperlink at its place on a screen of this size; nil when no list
    /// is shown, an overlay covers it, it does not fit whole, or it holds anything but printable ASCII (nothing in
    /// it may end the escape sequence early).
    public static func hyperlink(_ state: DashboardState, width: Int, height: Int) -> Hyperlink? {
        guard state.overlay == .none, let view = state.conversations, width >= DashboardLayout.minimumWidth,
              height >= DashboardLayout.minimumHeight, let url = ConversationListWidget.address(view, web: state.webAddress),
              url.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else { return nil }
        let x = DisplayWidth.of(ConversationListWidget.addressLead)
        guard x + url.count <= width else { return nil }
        return Hyperlink(x: x, y: height - 2, url: url)
    }
}
