import ChanstatCore
import Foundation
import GRDB

extension SQLiteReportSource {
    /// The built-in demo: sample data generated in memory with dates relative to `now`, so that
    /// `chanstat` with no source shows a live dashboard on a fresh machine, every view included: teams,
    /// agents, labels, and a queue whose customers have waited from minutes to weeks before `now`. Small
    /// enough to build in well under a second, long enough (200 days) that every preset has data.
    /// `accountID` is `--account`: one of the demo's two accounts, or the file's sentence listing them.
    public static func demo(now: Date = Date(), calendar: LocalCalendar = LocalCalendar(),
                            accountID: Int64 = 1) throws -> SQLiteReportSource {
        let tomorrow = calendar.today(now: now).adding(days: 1)
        let options = SampleOptions(conversations: 12_000, accounts: 2, days: 200,
                                    endInstant: min(calendar.startOfDay(tomorrow), Int64(now.timeIntervalSince1970) + 1),
                                    seed: 2026)
        let database = try DatabaseQueue()
        try database.write { db in _ = try SampleWriter.populate(db, options: options) }
        return try SQLiteReportSource(database: database, fileName: "built-in demo data", accountID: accountID,
                                      required: ChatwootTables.report)
    }
}
