import ChanstatCore

/// The custom range form: typing edits the focused field, Tab switches fields, Enter applies a valid
/// range or shows the error under its field (fetching nothing), Esc closes it and changes nothing.
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
            do {
                let range = try WhenParser(calendar: state.calendar).range(since: form.since, until: form.until)
                state.overlay = .none
                select(RangeSelection(preset: nil, range: range))
                return
            } catch {
                form.error = error
                form.focus = error.field
            }
        case .backspace:
            if !form[form.focus].isEmpty { form[form.focus].removeLast() }
            form.error = nil
        case .character(let c) where (0x20..<0x7F).contains(c.asciiValue ?? 0):
            // Dates, seconds and ISO 8601 are printable ASCII; anything else could only be a typo.
            guard form[form.focus].count < RangeForm.maximumLength else { break }
            form[form.focus].append(c)
            form.error = nil
        default:
            break
        }
        state.overlay = .rangeForm(form)
    }
}
