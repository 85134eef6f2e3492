/// Keys with the escape sequences ncurses did not know taken out, each as a whole.
///
/// ncurses decodes the sequences its terminfo entry lists (and the variants the terminal edge adds); any other
/// reaches the dashboard as Esc followed by its bytes as characters: tmux's End under `TERM=xterm-256color`
/// would be Esc (closes the form), `[` (steps the range back) and `4` (a preset). So after Esc, `[` or `O`
/// starts a sequence (CSI or SS3): parameter and intermediate bytes (0x20-0x3F) up to a final byte
/// (0x40-0x7E), all dropped. Esc followed by anything else, or by nothing within the escape delay, is Esc.
///
/// Pure: the terminal edge feeds it keys, waits the escape delay while `isWaiting`, then calls `delayPassed`.
public struct EscapeSequenceReader: Equatable, Sendable {
    private enum Phase: Equatable, Sendable {
        case idle
        /// Esc was read: a sequence may follow.
        case escape
        /// Inside a CSI or SS3 sequence, before its final byte.
        case sequence
    }

    private var phase = Phase.idle

    public init() {}

    /// Whether what was read may still be the start of a sequence: more is needed to know.
    public var isWaiting: Bool { phase != .idle }

    /// The keys that `key` completes: none while a sequence may be under way.
    public mutating func read(_ key: Key) -> [Key] {
        switch phase {
        case .idle:
            guard key == .escape else { return [key] }
            phase = .escape
            return []
        case .escape:
            if key == .character("[") || key == .character("O") {
                phase = .sequence
                return []
            }
            phase = .idle
            return [.escape] + read(key)
        case .sequence:
            guard let byte = Self.sequenceByte(key) else {
                // Not part of any sequence (a decoded key, a control or a non-ASCII character): what came
                // before it is dropped, and the key is read as itself.
                phase = .idle
                return read(key)
            }
            if byte >= 0x40 { phase = .idle }  // the final byte ends it
            return []
        }
    }

    /// The escape delay passed with nothing more: a lone Esc is Esc; a sequence cut short is dropped.
    public mutating func delayPassed() -> [Key] {
        defer { phase = .idle }
        return phase == .escape ? [.escape] : []
    }

    /// The byte a key stands for inside a sequence (0x20-0x7E), nil for any other key.
    private static func sequenceByte(_ key: Key) -> UInt8? {
        guard case .character(let character) = key, let ascii = character.asciiValue,
              (0x20...0x7E).contains(ascii) else { return nil }
        return ascii
    }
}
