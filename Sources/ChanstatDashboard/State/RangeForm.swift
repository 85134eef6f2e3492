import ChanstatCore

/// The custom range form (`d`): two lines edited like a shell's (see `EditableLine`) and, after a failed
/// Enter, the error under its field.
public struct RangeForm: Equatable, Sendable {
    public static let maximumLength = 32

    public var sinceLine: EditableLine
    public var untilLine: EditableLine
    public var focus: RangeField
    public var error: RangeError?
    /// Said after the error's own words: for a range too long, the latest `until` that `since` allows.
    public var errorHint: String?

    /// Prefilled from a range as dates: `until` shows the last day the range includes, which is what
    /// typing it back as `YYYY-MM-DD` means. Both start selected, so typing replaces a date.
    public init(range: DateRange, calendar: LocalCalendar) {
        sinceLine = EditableLine(prefilled: calendar.civilDate(at: range.since).description, maximumLength: Self.maximumLength)
        untilLine = EditableLine(prefilled: calendar.lastIncludedDay(of: range).description, maximumLength: Self.maximumLength)
        focus = .since
        error = nil
        errorHint = nil
    }

    public var since: String { sinceLine.string }
    public var until: String { untilLine.string }

    public subscript(field: RangeField) -> EditableLine {
        get { field == .since ? sinceLine : untilLine }
        set { if field == .since { sinceLine = newValue } else { untilLine = newValue } }
    }

    /// The focused line, for the edit keys.
    public var focused: EditableLine {
        get { self[focus] }
        set { self[focus] = newValue }
    }

    /// The error as shown: the contract's sentence first, then the hint.
    public var errorText: String? {
        error.map { error in errorHint.map { "\(error.message); \($0)" } ?? error.message }
    }

    /// Tab: the other field, selected whole as on opening, so typing replaces it (SPEC 6), edited or not.
    public mutating func switchFocus() {
        focus = focus == .since ? .until : .since
        focused.selectAll()
    }
}
