import ArgumentParser
import ChanstatConfig
import ChanstatCore
import ChanstatPostgres
import ChanstatSQLite
import Foundation

/// `chanstat sample`: writes realistic Chatwoot-shaped data (README "Command line").
struct SampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write realistic sample data: a Chatwoot-shaped SQLite file, or Chatwoot's tables in PostgreSQL.")

    enum Timestamps: String, ExpressibleByArgument, CaseIterable { case unix, text }

    @Option(help: ArgumentHelp("The SQLite file to write, or a postgres:// database to create Chatwoot's tables in "
                               + "(an empty one; see docs/postgres.md).", valueName: "file-or-url"))
    var out: String

    @Option(help: "How many conversations.")
    var conversations: Int = 50_000

    @Option(help: "How many accounts.")
    var accounts: Int = 3

    @Option(help: "Over how many days, ending with --end.")
    var days: Int = 365

    @Option(help: "The last day with conversations, YYYY-MM-DD (local time). Default: today.")
    var end: String?

    @Option(help: "Seed: the same seed writes the same file.")
    var seed: UInt64 = 1

    @Option(help: "How created_at is stored: unix (seconds) or text (Rails-style UTC, as pg_dump writes it).")
    var timestamps: Timestamps = .unix

    @Flag(help: "Replace --out if it exists (for a database: the nine Chatwoot tables it writes, never a real Chatwoot's).")
    var force = false

    func validate() throws {
        guard conversations >= 0, conversations <= 100_000_000 else {
            throw ValidationError("--conversations must be between 0 and 100,000,000")
        }
        guard (1...1_000).contains(accounts) else { throw ValidationError("--accounts must be between 1 and 1000") }
        guard (1...36_500).contains(days) else { throw ValidationError("--days must be between 1 and 36500") }
        if let end { _ = try Self.day(end) }
    }

    /// `--end` names a day: a strict YYYY-MM-DD only (ten digits of Unix seconds must not pass for one).
    static func day(_ text: String) throws -> CivilDate {
        guard let day = WhenParser.civilDate(text) else {
            let shown = TerminalSafeText.sanitize(text, maxCharacters: 40)
            throw ValidationError("--end takes a date as YYYY-MM-DD (a real day), not \(shown)")
        }
        return day
    }

    /// "1 account", "3 accounts".
    static func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    func run() async throws {
        let calendar = LocalCalendar()
        let endDay: CivilDate
        if let end {
            endDay = try Self.day(end)
        } else {
            endDay = calendar.today(now: Date())
        }
        let options = SampleOptions(conversations: conversations, accounts: accounts, days: days,
                                    endInstant: calendar.startOfDay(endDay.adding(days: 1)), seed: seed,
                                    timestampForm: timestamps == .text ? .utcText : .unixSeconds)
        let started = Date()
        let showProgress = conversations >= 500_000
        let progress: @Sendable (Int, Int) -> Void = { written, total in
            guard showProgress else { return }
            // try?: progress is a courtesy; a closed stderr must not stop (or crash) the writing.
            try? FileHandle.standardError.write(contentsOf: Data("sample: \(written) of \(total) conversations\n".utf8))
        }
        let credentials: [SampleCredential]
        switch DatabaseLocation(out) {
        case .sqliteFile(let path):
            let cleanup = SignalCleanup(removing: SampleWriter.temporaryPath(for: path))
            defer { cleanup.cancel() }
            credentials = try SampleWriter.write(options, to: path, replace: force, progress: progress)
        case .postgres(let url):
            guard timestamps == .unix else {
                throw ValidationError("--timestamps is for SQLite files; PostgreSQL has Chatwoot's timestamp column")
            }
            let session = try SourceOptions.postgresSession(url: url, statementTimeout: 0, readOnly: false, idleClose: nil)
            credentials = try await PostgresSession.closing(session) {
                try await PostgresSampleWriter.write(options, to: session, replace: force, progress: progress)
            }
        }
        let seconds = Date().timeIntervalSince(started)
        var lines = ["Wrote \(out): \(Self.counted(conversations, "conversation")), \(Self.counted(accounts, "account")), "
                     + "\(Self.counted(days, "day")) to \(endDay) "
                     + "(\(String(format: "%.1f", seconds)) s).",
                     "Access tokens for `chanstat serve` (sample data, not secrets):"]
        for credential in credentials {
            lines.append("  account \(credential.accountID) (\(credential.accountName)) \(credential.role): \(credential.token)")
        }
        try StandardOutput.write(lines.joined(separator: "\n") + "\n")
    }
}
