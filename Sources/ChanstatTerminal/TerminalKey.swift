import CTerminalShim
import ChanstatDashboard

/// What the terminal delivered: a key for the dashboard, or a resize for the screen.
enum TerminalKey: Equatable {
    case key(Key)
    case resize

    init?(kind: Int32, codepoint: UInt32) {
        switch kind {
        case Int32(CT_KEY_CHARACTER):
            guard let key = Self.key(forCodepoint: codepoint) else { return nil }
            self = .key(key)
        case Int32(CT_KEY_UP): self = .key(.up)
        case Int32(CT_KEY_DOWN): self = .key(.down)
        case Int32(CT_KEY_LEFT): self = .key(.left)
        case Int32(CT_KEY_RIGHT): self = .key(.right)
        case Int32(CT_KEY_PAGE_UP): self = .key(.pageUp)
        case Int32(CT_KEY_PAGE_DOWN): self = .key(.pageDown)
        case Int32(CT_KEY_HOME): self = .key(.home)
        case Int32(CT_KEY_END): self = .key(.end)
        case Int32(CT_KEY_ENTER): self = .key(.enter)
        case Int32(CT_KEY_BACKSPACE): self = .key(.backspace)
        case Int32(CT_KEY_BACK_TAB): self = .key(.backTab)
        case Int32(CT_KEY_DELETE): self = .key(.delete)
        case Int32(CT_KEY_RESIZE): self = .resize
        default: return nil
        }
    }

    /// Control characters as keys: Ctrl and a letter is `.control(letter)` (the range form edits with
    /// them); other control codes are dropped, never passed on as text.
    static func key(forCodepoint codepoint: UInt32) -> Key? {
        switch codepoint {
        case 3: return .interrupt
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(codepoint) + 0x60)))
        case 0..<32, 127..<160: return nil
        default:
            guard let scalar = Unicode.Scalar(codepoint) else { return nil }
            return .character(Character(scalar))
        }
    }
}
