import Testing
@testable import ChanstatDashboard

/// The range form's line editing, key by key, as readline's emacs mode does it.
@Suite struct EditableLineTests {
    func line(_ text: String, cursor: Int? = nil) -> EditableLine {
        var line = EditableLine(prefilled: text, maximumLength: 32)
        line.moveToEnd()
        for _ in 0..<(text.count - (cursor ?? text.count)) { line.moveLeft() }
        return line
    }

    @Test func aPrefilledLineIsSelectedAndTheFirstTextReplacesIt() {
        var prefilled = EditableLine(prefilled: "2026-10-27", maximumLength: 32)
        #expect(prefilled.isSelected)
        #expect(prefilled.cursor == 10)
        prefilled.insert("2")
        #expect(prefilled.string == "2")
        prefilled.insert("0")
        #expect(prefilled.string == "20")
    }

    @Test func anyOtherKeyEndsTheSelectionAndEditsInstead() {
        var edited = EditableLine(prefilled: "2026-10-27", maximumLength: 32)
        edited.deleteBackward()
        edited.insert("8")
        #expect(edited.string == "2026-10-28")
        var moved = EditableLine(prefilled: "2026-10-27", maximumLength: 32)
        moved.moveToStart()
        moved.insert("x")
        #expect(moved.string == "x2026-10-27")
    }

    @Test func theCursorMovesWithinTheText() {
        var editing = line("abc", cursor: 1)
        editing.moveLeft(); editing.moveLeft()
        #expect(editing.cursor == 0)
        editing.moveRight()
        editing.insert("X")
        #expect(editing.string == "aXbc")
        editing.moveToEnd(); editing.moveRight()
        #expect(editing.cursor == 4)
    }

    @Test func backspaceAndDeleteWorkAtTheCursor() {
        var editing = line("2026-10-27", cursor: 5)
        editing.deleteBackward()
        #expect(editing.string == "202610-27")
        #expect(editing.cursor == 4)
        editing.deleteForward()
        #expect(editing.string == "20260-27")
        var atEnds = line("ab", cursor: 0)
        atEnds.deleteBackward()
        atEnds.moveToEnd(); atEnds.deleteForward()
        #expect(atEnds.string == "ab")
    }

    @Test func killsToTheStartAndToTheEnd() {
        var start = line("2026-10-27", cursor: 8)
        start.killToStart()
        #expect(start.string == "27")
        #expect(start.cursor == 0)
        var end = line("2026-10-27", cursor: 4)
        end.killToEnd()
        #expect(end.string == "2026")
        #expect(end.cursor == 4)
    }

    @Test func ctrlWTakesTheWordBeforeTheCursorAndTheSeparatorsAfterIt() {
        var editing = line("2026-10-27")
        editing.deleteWordBackward()
        #expect(editing.string == "2026-10-")
        editing.deleteWordBackward()
        #expect(editing.string == "2026-")
        var middle = line("2026-10-27", cursor: 7)
        middle.deleteWordBackward()
        #expect(middle.string == "2026--27")
        var empty = line("")
        empty.deleteWordBackward()
        #expect(empty.string == "")
    }

    @Test func pastedTextGoesInAtTheCursorUpToTheLimit() {
        var editing = line("2026-27", cursor: 5)
        editing.insert("10-")
        #expect(editing.string == "2026-10-27")
        #expect(editing.cursor == 8)
        var full = EditableLine(prefilled: "", maximumLength: 4)
        full.insert("123456")
        #expect(full.string == "1234")
        #expect(!full.isSelected)
    }
}
