import ChanstatCore

/// The custom range form: the edit keys of a shell line change the focused field (`EditableLine`), Tab
/// switches fields, Enter applies a valid range or shows the error under its field (fetching nothing), Esc
/// closes it and changes nothing.
extension Transition {
    mutating func handleForm(_ key: Key, _ current: RangeForm) {
        var form = current
        switch key {
        case .escape:
            state.overlay = .none
            return
        case .tab, .backTab, .up, .down:
            form.switchFocus()
        case .enter:
            let parser = WhenParser(calendar: state.calendar)
            do {
                let range = try parser.range(since: form.since, until: form.until)
                state.overlay = .none
                select(RangeSelection(preset: nil, range: range))
                return
            } catch {
                form.error = error
                if case .tooLong = error {
                    form.errorHint = Self.longestUntil(since: form.since, parser: parser)
                } else {
                    form.errorHint = nil
                }
                form.focus = error.field
            }
        case .character(let c) where (0x20..<0x7F).contains(c.asciiValue ?? 0):
            // Dates, seconds and ISO 8601 are printable ASCII; anything else could only be a typo. A paste
            // arrives as these keys, one after another.
            form.focused.insert(String(c))
            form.error = nil
        default:
            guard Self.edit(&form.focused, key) else { break }
            form.error = nil
        }
        state.overlay = .rangeForm(form)
    }

    /// The readline keys; false for a key that is not one of them.
    private static func edit(_ line: inout EditableLine, _ key: Key) -> Bool {
        switch key {
        case .left, .control("b"): line.moveLeft()
        case .right, .control("f"): line.moveRight()
        case .home, .control("a"): line.moveToStart()
        case .end, .control("e"): line.moveToEnd()
        case .backspace: line.deleteBackward()
        case .delete, .control("d"): line.deleteForward()
        case .control("u"): line.killToStart()
        case .control("k"): line.killToEnd()
        case .control("w"): line.deleteWordBackward()
        default: return false
        }
        return true
    }

    /// "until at most 2026-07-01": the last day that, typed as `until`, keeps the range within 6 months of
    /// `since`. A day typed as `until` runs to the next midnight, so the day on which the limit falls is
    /// one too many: the answer is the day before it.
    static func longestUntil(since: String, parser: WhenParser) -> String? {
        guard let start = try? parser.parse(since, as: .since) else { return nil }
        let limitDay = parser.calendar.civilDate(at: start + DateRange.maximumSeconds)
        return "until at most \(limitDay.adding(days: -1))"
    }
}
