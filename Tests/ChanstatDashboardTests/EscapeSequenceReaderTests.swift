import ChanstatCore
import Testing
@testable import ChanstatDashboard

/// SPEC 14: an escape sequence the terminal sends that ncurses does not know is dropped as a whole, never
/// read as Esc, `[` and digits (tmux's End under TERM=xterm-256color would close the form, step the range
/// back and pick a preset). The reader is fed the keys ncurses hands over for such a sequence.
@Suite struct EscapeSequenceReaderTests {
    /// The keys ncurses delivers for bytes it could not match: each byte a character, Esc as `.escape`.
    static func keys(_ bytes: String) -> [Key] {
        bytes.map { $0 == "\u{1B}" ? .escape : .character($0) }
    }

    /// Everything read from `keys`, then the escape delay passing.
    static func read(_ keys: [Key]) -> [Key] {
        var reader = EscapeSequenceReader()
        let read = keys.flatMap { reader.read($0) }
        return read + reader.delayPassed()
    }

    @Test(arguments: ["\u{1B}[4~", "\u{1B}[F", "\u{1B}OF", "\u{1B}[1~", "\u{1B}[H", "\u{1B}OH", "\u{1B}[99~",
                      "\u{1B}[1;5C", "\u{1B}[200~", "\u{1B}[?1;2c", "\u{1B}[ q"])
    func aSequenceIsDroppedWhole(sequence: String) {
        #expect(Self.read(Self.keys(sequence)) == [])
        // And what follows it is read as itself.
        #expect(Self.read(Self.keys(sequence + "q")) == [.character("q")])
        #expect(Self.read(Self.keys("a" + sequence + sequence + "4")) == [.character("a"), .character("4")])
    }

    @Test func aLoneEscIsEscOnceTheDelayPasses() {
        var reader = EscapeSequenceReader()
        #expect(reader.read(.escape) == [])
        #expect(reader.isWaiting)
        #expect(reader.delayPassed() == [.escape])
        #expect(!reader.isWaiting)
    }

    @Test func escBeforeAnythingButASequenceStartIsEscThenThatKey() {
        #expect(Self.read([.escape, .character("q")]) == [.escape, .character("q")])
        #expect(Self.read([.escape, .escape]) == [.escape, .escape])
        #expect(Self.read([.escape, .tab]) == [.escape, .tab])
        #expect(Self.read([.escape, .up]) == [.escape, .up])
    }

    /// A sequence that stops before its final byte (the rest never came within the delay) is dropped too:
    /// its start is not keys either.
    @Test func aSequenceCutShortIsDropped() {
        #expect(Self.read(Self.keys("\u{1B}[4")) == [])
        var reader = EscapeSequenceReader()
        #expect(Self.keys("\u{1B}[9").flatMap { reader.read($0) } == [])
        #expect(reader.isWaiting)
        // The rest arriving later, within the delay, still belongs to it.
        #expect(Self.keys("9~d").flatMap { reader.read($0) } == [.character("d")])
    }

    /// A key that cannot be inside a sequence ends it: the sequence so far is dropped, the key is kept.
    @Test func aKeyThatCannotBeInASequenceIsKept() {
        #expect(Self.read(Self.keys("\u{1B}[1") + [.enter]) == [.enter])
        #expect(Self.read(Self.keys("\u{1B}[") + [.escape]) == [.escape])
        #expect(Self.read(Self.keys("\u{1B}[1") + [.character("é")]) == [.character("é")])
    }

    /// Typing and pasting pass through untouched, `[` and `O` included.
    @Test func plainKeysPassThrough() {
        let typed: [Key] = Self.keys("[O]2026-01-05") + [.tab, .backspace, .home, .end, .control("a")]
        #expect(Self.read(typed) == typed)
    }

    /// Through the form: End as tmux sends it, and an unknown sequence, leave the form open and its fields as
    /// they were; Esc alone still closes it.
    @Test func theFormStaysOpenThroughUnknownSequences() {
        var state = Fixtures.press(Fixtures.loaded(), .character("d")).0
        guard case .rangeForm(let opened) = state.overlay else { Issue.record("the form did not open"); return }
        var reader = EscapeSequenceReader()
        for key in Self.keys("\u{1B}[4~\u{1B}[99~\u{1B}OF") {
            for read in reader.read(key) { state = Fixtures.press(state, read).0 }
        }
        for read in reader.delayPassed() { state = Fixtures.press(state, read).0 }
        #expect(state.overlay == .rangeForm(opened))
        #expect(state.selection == Fixtures.loaded().selection)
        _ = reader.read(.escape)
        for read in reader.delayPassed() { state = Fixtures.press(state, read).0 }
        #expect(state.overlay == .none)
        #expect(state.selection == Fixtures.loaded().selection)
    }
}
