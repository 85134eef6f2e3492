/// One line of text being edited the way a shell edits its command line (readline's emacs keys): a cursor,
/// deletion at it, kills to either end and of a word. Pure, so every key is a unit test.
///
/// A prefilled line starts *selected*, and so does a line entered again (`selectAll`, on Tab): the first text
/// typed replaces it, as in a selected text field, so a new date is typed without first erasing the old one.
/// Any other edit or movement ends the selection.
public struct EditableLine: Equatable, Sendable {
    public private(set) var text: [Character]
    /// Where the next character goes: 0 is before the first, `text.count` after the last.
    public private(set) var cursor: Int
    public private(set) var isSelected: Bool
    public let maximumLength: Int

    public init(prefilled: String, maximumLength: Int) {
        text = Array(prefilled.prefix(maximumLength))
        cursor = text.count
        isSelected = !text.isEmpty
        self.maximumLength = maximumLength
    }

    public var string: String { String(text) }

    /// The whole line selected, the cursor after it: what typing replaces.
    public mutating func selectAll() {
        isSelected = !text.isEmpty
        cursor = text.count
    }

    /// Typed or pasted text, at the cursor; it replaces a selected line. What does not fit is dropped.
    public mutating func insert(_ typed: String) {
        if isSelected { text = []; cursor = 0 }
        isSelected = false
        let room = max(0, maximumLength - text.count)
        let kept = Array(typed.prefix(room))
        text.insert(contentsOf: kept, at: cursor)
        cursor += kept.count
    }

    public mutating func moveLeft() { isSelected = false; cursor = max(0, cursor - 1) }
    public mutating func moveRight() { isSelected = false; cursor = min(text.count, cursor + 1) }
    public mutating func moveToStart() { isSelected = false; cursor = 0 }
    public mutating func moveToEnd() { isSelected = false; cursor = text.count }

    /// Backspace: the character before the cursor.
    public mutating func deleteBackward() {
        isSelected = false
        guard cursor > 0 else { return }
        text.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Delete: the character under the cursor.
    public mutating func deleteForward() {
        isSelected = false
        if cursor < text.count { text.remove(at: cursor) }
    }

    /// Ctrl-U: everything before the cursor.
    public mutating func killToStart() {
        isSelected = false
        text.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// Ctrl-K: everything from the cursor on.
    public mutating func killToEnd() {
        isSelected = false
        text.removeSubrange(cursor...)
    }

    /// Ctrl-W: the word before the cursor, with the separators between it and the cursor. A word is a run
    /// of letters and digits, so in `2026-10-27` one Ctrl-W takes `27` and the next `10-`: a date is
    /// corrected part by part, which whitespace-delimited words (there are none in a date) would not allow.
    public mutating func deleteWordBackward() {
        isSelected = false
        var start = cursor
        while start > 0, !Self.isWordCharacter(text[start - 1]) { start -= 1 }
        while start > 0, Self.isWordCharacter(text[start - 1]) { start -= 1 }
        text.removeSubrange(start..<cursor)
        cursor = start
    }

    private static func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }
}
