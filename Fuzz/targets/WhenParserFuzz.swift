@testable import ChanstatCore
import Foundation

// Fuzz target: WHEN parsing and the range rule. Input: "since\nuntil". Properties checked (a failure
// traps, which libFuzzer reports as a crash): no input crashes; an accepted range is never empty and never
// longer than the limit; a bare date as `until` is one local day after the same date as `since`.
private let zones = [LocalCalendar.utc, LocalCalendar(timeZone: TimeZone(identifier: "America/New_York")!)]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWhenParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    for calendar in zones {
        let parser = WhenParser(calendar: calendar)
        if let range = try? parser.range(since: parts.first, until: parts.count > 1 ? parts[1] : nil) {
            precondition(range.since < range.until && range.lengthSeconds <= DateRange.maximumSeconds)
        }
        if let start = try? parser.parse(parts[0], as: .since), let end = try? parser.parse(parts[0], as: .until),
           parts[0].utf8.count == 10, Array(parts[0].utf8)[4] == UInt8(ascii: "-") {
            precondition((82_800...90_000).contains(end - start), "a day is 23 to 25 hours")
        }
    }
    return 0
}
