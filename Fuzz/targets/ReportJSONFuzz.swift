@testable import ChanstatCore
import Foundation

// Fuzz target: the strict report payload decoder. Properties: no input crashes; whatever it accepts has
// only non-negative counts whose totals add up, and survives encode → decode unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReportJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(UnsafeBufferPointer(start: data, count: size))
    guard let summary = try? ReportJSON.decode(body) else { return 0 }
    for counts in summary.channels.values {
        let sum = ConversationStatus.payloadOrder.reduce(Int64(0)) { $0 + counts[$1] }
        precondition(counts.total == sum && counts.total > 0)
        precondition(ConversationStatus.payloadOrder.allSatisfy { counts[$0] >= 0 })
    }
    let again = try? ReportJSON.decode(Data(ReportJSON.encode(summary).utf8))
    precondition(again == summary, "encode then decode must give the same report")
    return 0
}
