@testable import ChanstatCore
// Fuzz target: the text sanitizer and display width. Properties: the output is always safe, sanitizing is
// idempotent, labels are safe, and truncation never exceeds the columns asked for.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let safe = TerminalSafeText.sanitize(text, maxCharacters: .max)
    precondition(TerminalSafeText.isSafe(safe), "sanitized text must be safe")
    precondition(TerminalSafeText.sanitize(safe, maxCharacters: .max) == safe, "sanitizing twice changes nothing")
    precondition(TerminalSafeText.isSafe(ChannelLabel.label(for: text)))
    for columns in [0, 1, 2, 7, 40] {
        precondition(DisplayWidth.of(DisplayWidth.truncate(safe, to: columns)) <= columns)
        precondition(DisplayWidth.of(DisplayWidth.pad(safe, to: columns)) == columns)
    }
    return 0
}
