import ChanstatCore
import Foundation
import GRDB

/// The report over a Chatwoot-shaped SQLite file (README "Data sources"), opened read-only: the file's bytes and
/// mtime never change and no journal or WAL file appears, so a file with mode 0444 works too.
public final class SQLiteReportSource: ReportSource {
    public struct Account: Equatable, Sendable {
        public let id: Int64
        public let name: String
    }

    public let displayName: String
    public var readAccountID: Int64? { account.id }
    public let account: Account
    let fileName: String
    /// The file, followed before every report (a replaced file is reopened); never reopened for the demo.
    let file: FollowedFile
    /// The connection in use, unchecked (tests look at its layout and plans).
    var database: DatabaseQueue { file.lastOpened.database }
    var layout: FileLayout { file.lastOpened.layout }

    /// How long a read waits for a writer that holds the file before it gives up with a message.
    public static let busyTimeout: TimeInterval = 2

    /// Opens a file. Throws a `SourceError` for every way it can be wrong, naming the problem.
    /// `busyTimeout` is how long to retry while a writer holds the file (tests make it short).
    public convenience init(path: String, accountID: Int64?,
                            busyTimeout: TimeInterval = SQLiteReportSource.busyTimeout) throws {
        let identity = FileIdentity.at(path)
        let (database, fileName) = try Self.openReadOnly(path: path, busyTimeout: busyTimeout)
        try self.init(database: database, fileName: fileName, accountID: accountID,
                      required: ChatwootTables.report, path: path, identity: identity, busyTimeout: busyTimeout)
    }

    /// The read-only connection every reader of a file uses (`report`, the dashboard and `serve`):
    /// it can never write, and waits `busyTimeout` for a writer before it gives up.
    static func openReadOnly(path: String,
                             busyTimeout: TimeInterval = SQLiteReportSource.busyTimeout) throws -> (DatabaseQueue, fileName: String) {
        let fileName = (path as NSString).lastPathComponent
        try requireRegularFile(path)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "chanstat.sqlite"
        do {
            return (try DatabaseQueue(path: path, configuration: configuration), fileName)
        } catch {
            throw SQLiteFailure.sourceError(error, fileName: fileName)
        }
    }

    /// SQLite opens whatever the path names, and open(2) on a FIFO waits for a writer for ever (SPEC 14): only a
    /// regular file is given to it. A FIFO or a device is the person's mistake (exit 2); SQLite says the rest.
    private static func requireRegularFile(_ path: String) throws {
        let shown = TerminalSafeText.sanitize(path)
        switch InputFile(path, role: "database file").refusalReason() {
        case nil, .tooLarge?: return
        case .missing?: throw SourceError(.unavailable, "no such file: \(shown)")
        case .unreadable(let cause)?: throw SourceError(.unavailable, "cannot open \(shown): \(cause)")
        case .notRegular(.directory)?: throw SourceError(.unavailable, "\(shown) is a directory, not a SQLite file")
        case .notRegular(let kind)?:
            throw SourceError(.usage, "\(shown) is \(kind.described), not a regular file; a SQLite database is read "
                              + "only from a file")
        }
    }

    /// Any database, file or in memory (the built-in demo). `required` are the tables the caller needs.
    init(database: DatabaseQueue, fileName: String, accountID: Int64?,
         required: [(table: String, columns: [String])], path: String? = nil, identity: FileIdentity? = nil,
         busyTimeout: TimeInterval = SQLiteReportSource.busyTimeout) throws {
        self.fileName = fileName
        let layout: FileLayout
        do {
            (layout, account) = try database.read { db in
                let layout = try FileLayout.inspect(db, fileName: fileName, required: required)
                return (layout, try Self.chooseAccount(db, requested: accountID, fileName: fileName))
            }
        } catch {
            throw SQLiteFailure.sourceError(error, fileName: fileName)
        }
        // A replacement must have the same tables and still hold this account.
        let chosen = account.id
        file = FollowedFile(database: database, layout: layout, fileName: fileName, path: path, identity: identity,
                            busyTimeout: busyTimeout) { db in
            let layout = try FileLayout.inspect(db, fileName: fileName, required: required)
            _ = try Self.chooseAccount(db, requested: chosen, fileName: fileName)
            return layout
        }
        displayName = "\(TerminalSafeText.sanitize(fileName, maxCharacters: 60)), account \(account.id) "
            + "(\(TerminalSafeText.sanitize(account.name, maxCharacters: 40)))"
    }

    /// README "Data sources": `AccountChoice`'s rule, over the file's accounts.
    private static func chooseAccount(_ db: Database, requested: Int64?, fileName: String) throws -> Account {
        let rows = try Row.fetchAll(db, sql: "SELECT id, name FROM accounts ORDER BY id LIMIT ?",
                                    arguments: [AccountChoice.listed + 1])
        let listing = rows.map { AccountChoice.Account(id: $0["id"] ?? 0, name: ($0["name"] as String?) ?? "") }
        let found = try requested.flatMap { id in
            try String.fetchOne(db, sql: "SELECT name FROM accounts WHERE id = ?", arguments: [id])
                .map { AccountChoice.Account(id: id, name: $0) }
        }
        let chosen = try AccountChoice.choose(requested: requested, found: found, listing: listing, source: fileName)
        return Account(id: chosen.id, name: chosen.name)
    }

    public func report(for range: DateRange) async throws -> SourceReport {
        let accountID = account.id, fileName = self.fileName
        return try await read { db, layout in
            try Self.query(db, layout: layout, account: accountID, range: range, fileName: fileName)
        }
    }

    /// By channel (and inbox), `ReportQuery.channelDays`; by team, agent and label, the group query by day.
    public func dailyReport(for request: ReportRequest, calendar: LocalCalendar,
                            progress: @escaping @Sendable (DayProgress) -> Void) async throws -> DailyReport {
        let accountID = account.id, fileName = self.fileName
        let days = LocalDays(request.range, calendar: calendar), breakdown = request.breakdown.dayGroups
        return try await read { db, layout in
            try Self.days(db, layout: layout, account: accountID, days: days, breakdown: breakdown, fileName: fileName)
        }
    }

    /// One day query, checked against the file's tables first. `path` replaces the choice of the cohort's path on
    /// a file with the recommended index (tests read every path).
    static func days(_ db: Database, layout: FileLayout, account: Int64, days: LocalDays, breakdown: Breakdown,
                     fileName: String, path forced: ReportQuery.CohortPath? = nil) throws -> DailyReport {
        if let refusal = layout.refusal(for: ChatwootTables.needed(for: breakdown), view: breakdown.option,
                                        fileName: fileName) { throw refusal }
        var daily = DailyReport(days: days, breakdown: breakdown)
        let unplaced = SourceError(.badData, "\(fileName) holds a conversation the day-by-day report cannot place "
                                   + "(a created_at that is not a time) or more than a 64-bit count can hold")
        guard breakdown.needsDatabase else {
            try addChannelDays(db, layout: layout, account: account, days: days, unplaced: unplaced) { day, type, status, count in
                daily.add(day: day, channelType: type, statusCode: status, count: count)
            }
            return daily
        }
        var path = ReportQuery.CohortPath.planned
        if layout.hasRecommendedIndex {
            var cohort: Int64 = 0
            try addChannelDays(db, layout: layout, account: account, days: days, unplaced: unplaced) { day, _, status, count in
                cohort = ReportQuery.CohortPath.adding(count, to: cohort)
                return daily.addToTotal(day: day, statusCode: status, count: count)
            }
            path = forced ?? cohortPath(db, cohort: cohort)
        }
        let rows = try Row.fetchCursor(db, sql: ReportQuery.groups(breakdown, path: path, days: days) ?? "",
                                       arguments: StatementArguments(ReportQuery.arguments(account: account, range: days.range)))
        let values = FileValues(fileName: fileName), idColumn = FileValues.idColumn(of: breakdown)
        while let row = try rows.next() {
            guard let day: Int = row[6],
                  daily.addRow(day: day, isTotal: (row[0] as Int64?) == 1, id: try values.id(row, 1, idColumn),
                               name: values.text(row, 2), displayName: values.text(row, 3),
                               statusCode: row[4], count: row[5] ?? 0) else { throw unplaced }
        }
        return daily
    }

    /// The rows of the channel summary day by day (`ReportQuery.channelDays`), each given to `add`: day, channel
    /// type, status, count; `add` false (a day outside the range, an overflow) throws `unplaced`.
    private static func addChannelDays(_ db: Database, layout: FileLayout, account: Int64, days: LocalDays,
                                       unplaced: SourceError,
                                       _ add: (Int, String, Int64?, Int64) -> Bool) throws {
        let (sql, arguments) = ReportQuery.channelDays(days, indexed: layout.hasRecommendedIndex, account: account)
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            guard let day: Int = row[0], add(day, row[1] ?? "", row[2], row[3] ?? 0) else { throw unplaced }
        }
    }

    /// Counts the range's cohort (`arguments`: `ReportQuery.arguments`) with the channel query on a file with the
    /// recommended index: the index alone, each conversation of the cohort once, under its inbox. Each count goes to
    /// `add` with its status; the answer is their sum, the cohort's size.
    static func countCohort(_ db: Database, arguments: StatementArguments,
                            _ add: (Int64?, Int64) throws -> Void = { _, _ in }) throws -> Int64 {
        var cohort: Int64 = 0
        let counts = try Row.fetchCursor(db, sql: ReportQuery.indexed, arguments: arguments)
        while let row = try counts.next() {
            let count: Int64 = row[3] ?? 0
            cohort = ReportQuery.CohortPath.adding(count, to: cohort)
            try add(row[2], count)
        }
        return cohort
    }

    /// How a group query reads its cohort of `cohort` conversations (`ReportQuery.CohortPath.choose`), with the
    /// largest id as the table's size. A table without ids to read (not Chatwoot's shape) is sought through the index.
    static func cohortPath(_ db: Database, cohort: Int64) -> ReportQuery.CohortPath {
        guard let tableRows = try? Int64.fetchOne(db, sql: "SELECT max(rowid) FROM conversations") else { return .indexSeeks }
        return .choose(cohort: cohort, tableRows: tableRows)
    }

    /// By team, agent and label, the group query of `ReportQuery`; by channel and inbox, the report's.
    public func grouped(_ request: ReportRequest) async throws -> GroupedReport {
        guard request.breakdown.needsDatabase else { return GroupedReport(try await report(for: request.range), breakdown: request.breakdown) }
        let accountID = account.id, fileName = self.fileName
        return try await read { db, layout in
            try Self.groups(db, layout: layout, account: accountID, request: request, fileName: fileName)
        }
    }

    /// What the file lacks for `breakdown` (SPEC 2's optional tables and columns), as the file is now.
    public func refusal(for breakdown: Breakdown) -> SourceError? {
        layout.refusal(for: ChatwootTables.needed(for: breakdown), view: breakdown.option, fileName: fileName)
    }

    /// One group query (`ReportQuery.groups`), checked against the file's tables first. `path` as in `days`.
    static func groups(_ db: Database, layout: FileLayout, account: Int64, request: ReportRequest,
                       fileName: String, path forced: ReportQuery.CohortPath? = nil) throws -> GroupedReport {
        let breakdown = request.breakdown
        if let refusal = layout.refusal(for: ChatwootTables.needed(for: breakdown), view: breakdown.option,
                                        fileName: fileName) { throw refusal }
        var grouped = GroupedReport(breakdown: breakdown)
        let overflow = SourceError(.badData, "\(fileName) holds more conversations than a 64-bit count can hold")
        let arguments = StatementArguments(ReportQuery.arguments(account: account, range: request.range))
        var path = ReportQuery.CohortPath.planned
        if layout.hasRecommendedIndex {
            // The totals: the index's counts of the cohort.
            let cohort = try countCohort(db, arguments: arguments) { status, count in
                guard grouped.addToTotal(statusCode: status, count: count) else { throw overflow }
            }
            path = forced ?? cohortPath(db, cohort: cohort)
        }
        let rows = try Row.fetchCursor(db, sql: ReportQuery.groups(breakdown, path: path) ?? "", arguments: arguments)
        let values = FileValues(fileName: fileName), idColumn = FileValues.idColumn(of: breakdown)
        while let row = try rows.next() {
            guard grouped.addRow(isTotal: (row[0] as Int64?) == 1, id: try values.id(row, 1, idColumn),
                                 name: values.text(row, 2), displayName: values.text(row, 3),
                                 statusCode: row[4], count: row[5] ?? 0) else { throw overflow }
        }
        return grouped
    }

    /// One read of the file as it is now (reopened if it was replaced); every failure becomes a sentence.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database, FileLayout) throws -> T) async throws -> T {
        try await file.read { db, connection in try body(db, connection.layout) }
    }

    /// The one aggregate query of a report (see ReportQuery for the two shapes).
    static func query(_ db: Database, layout: FileLayout, account: Int64, range: DateRange,
                      fileName: String) throws -> SourceReport {
        let sql = layout.hasRecommendedIndex ? ReportQuery.indexed : ReportQuery.scan
        let arguments = StatementArguments(ReportQuery.arguments(account: account, range: range))
        var report = SourceReport()
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        let values = FileValues(fileName: fileName)
        while let row = try rows.next() {
            // channel_type is NOT NULL in the schema, but a file is untrusted: NULL groups as "".
            let channelType = values.text(row, 1) ?? ""
            guard report.add(channelType: channelType, inboxID: try values.id(row, 0, "inboxes.id") ?? 0,
                             inboxName: values.text(row, 4) ?? "",
                             statusCode: row[2], count: row[3] ?? 0) else {
                throw SourceError(.badData, "\(fileName) holds more conversations than a 64-bit count can hold")
            }
        }
        return report
    }
}
