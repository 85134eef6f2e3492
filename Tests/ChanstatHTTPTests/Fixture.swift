import ChanstatCore
import ChanstatSQLite
import Foundation

/// A real Chatwoot-shaped file written by `SampleWriter`, with its tokens, in a fresh temporary directory.
struct Fixture {
    /// 2026-01-01T00:00:00Z: fixed, so the data (and every expected body) is the same on every run.
    static let end: Int64 = 1_767_225_600
    /// The last 30 days of the data.
    static let range = try! DateRange(since: end - 30 * 86_400, until: end)

    let directory: URL
    let path: String
    let credentials: [SampleCredential]

    init(conversations: Int = 4_000) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("chanstat-http-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("fixture.sqlite").path
        let options = SampleOptions(conversations: conversations, accounts: 2, days: 120, endInstant: Self.end, seed: 7)
        credentials = try SampleWriter.write(options, to: path, replace: false)
    }

    func token(account: Int64, role: String) -> String {
        credentials.first { $0.accountID == account && $0.role == role }!.token
    }

    var administrator: String { token(account: 1, role: "administrator") }
    var agent: String { token(account: 1, role: "agent") }
    var bot: String { token(account: 1, role: "bot") }
    var allTokens: [String] { credentials.map(\.token) }

    /// What the file source says for an account: the reference every HTTP answer is compared with.
    func expectedJSON(account: Int64 = 1, range: DateRange = Fixture.range) async throws -> String {
        let source = try SQLiteReportSource(path: path, accountID: account)
        return ReportJSON.encode(try await source.summary(for: range))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
