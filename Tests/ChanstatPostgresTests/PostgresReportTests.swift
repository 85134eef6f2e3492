import ChanstatCore
@testable import ChanstatPostgres
import ChanstatTestSupport
import Foundation
import Testing

extension PostgresServerTests {
    /// The report over Chatwoot's real tables equals Chatwoot's own query on the same database, on a server whose
    /// TimeZone is not UTC (America/New_York) and with a session TimeZone (PGTZ) that is a third zone.
    @Suite(.enabled(if: PostgresCluster.isAvailable, "needs PostgreSQL (scripts/setup installs postgresql)"),
           .timeLimit(.minutes(3)))
    struct PostgresReportTests {
        /// 2026-03-08 07:00 UTC is New York's spring-forward: the range straddles the server zone's DST change.
        static let since: Int64 = 1_772_323_200        // 2026-03-01 00:00:00 UTC
        static let until: Int64 = 1_773_532_800        // 2026-03-15 00:00:00 UTC

        /// Rows around every edge: the bounds, a microsecond before `until`, other accounts, a NULL channel type,
        /// an inbox that is gone, statuses outside 0...3, and both sides of the DST change.
        static func fill(_ database: ChatwootDatabase) throws {
            try database.sql("""
                INSERT INTO accounts (id, name, status) VALUES (1, 'Acme', 0), (2, 'Globex', 0), (3, 'Frozen', 1);
                INSERT INTO inboxes (id, account_id, name, channel_type) VALUES
                    (10, 1, 'Site', 'Channel::WebWidget'), (11, 1, 'Mail', 'Channel::Email'),
                    (12, 1, 'Mystery', NULL), (13, 1, 'Odd', 'Channel::Carrier Pigeon'), (20, 2, 'Globex mail', 'Channel::Email');
                INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES
                    (1, 10, 0, '2026-03-01 00:00:00'),          -- exactly since: counted
                    (1, 10, 1, '2026-02-28 23:59:59.999999'),   -- a microsecond before since: not
                    (1, 10, 2, '2026-03-14 23:59:59.999999'),   -- a microsecond before until: counted
                    (1, 10, 3, '2026-03-15 00:00:00'),          -- exactly until: not
                    (1, 11, 0, '2026-03-08 06:59:59'),          -- just before New York's DST change
                    (1, 11, 1, '2026-03-08 07:00:00'),          -- just after
                    (1, 11, 1, '2026-03-08 12:30:00.5'),
                    (1, 12, 0, '2026-03-05 10:00:00'),          -- NULL channel type: key ""
                    (1, 13, 2, '2026-03-05 10:00:00'),          -- an unknown channel type: kept as is
                    (1, 99, 0, '2026-03-05 10:00:00'),          -- inbox 99 is gone: dropped by the join
                    (1, 10, 7, '2026-03-05 10:00:00'),          -- status 7: counts nowhere
                    (1, 10, -1, '2026-03-05 10:00:00'),
                    (2, 20, 0, '2026-03-05 10:00:00'),          -- another account
                    (2, 10, 0, '2026-03-05 10:00:00');          -- another account, in account 1's inbox
                """)
        }

        /// A database made and filled, on a thread of its own (psql is waited for).
        static func filled() async throws -> ChatwootDatabase {
            try await OffThePool.run {
                let database = try ChatwootDatabase.make()
                try fill(database)
                return database
            }
        }

        @Test func equalsChatwootsQueryWhateverTheZones() async throws {
            let database = try await Self.filled()
            let range = try DateRange(since: Self.since, until: Self.until)
            let expected = try await OffThePool.run { try database.chatwootReport(account: 1, range: range) }
            #expect(expected.channels["Channel::WebWidget"]?.open == 1)
            #expect(expected.channels["Channel::WebWidget"]?.pending == 1)
            #expect(expected.channels["Channel::WebWidget"]?.total == 2)
            #expect(expected.channels["Channel::Email"]?.total == 3)
            #expect(expected.channels[""]?.open == 1)
            #expect(expected.channels["Channel::Carrier Pigeon"]?.pending == 1)
            #expect(try await OffThePool.run { try database.sql("SHOW TimeZone") } == "America/New_York")
            for zone in [nil, "Asia/Kolkata", "Pacific/Chatham", "UTC"] as [String?] {
                let source = try await database.source(account: 1, variables: zone.map { ["PGTZ": $0] } ?? [:])
                #expect(try await source.summary(for: range) == expected, "PGTZ=\(zone ?? "unset")")
                await source.close()
            }
            // The JSON of `report`, through the real binary, is the payload of that same summary.
            let result = try await OffThePool.run {
                try ChanstatBinary.run(["report", "--db", database.url(), "--account", "1", "--since", "\(Self.since)",
                                        "--until", "\(Self.until)", "--format", "json"], environment: ["PGTZ": "Asia/Tokyo"])
            }
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == ReportJSON.encode(expected) + "\n")
            #expect(result.stdout.contains("\"\":{\"open\":1"))
        }

        /// Ranges with times, one second wide, and around the DST change: always equal to Chatwoot's query.
        @Test(arguments: [(1_772_323_200, 1_772_323_201), (1_772_953_199, 1_772_953_201), (1_772_953_200, 1_773_532_800),
                          (1_772_000_000, 1_773_532_799), (1_773_532_799, 1_773_532_800)] as [(Int64, Int64)])
        func equalsChatwootsQueryForRange(_ bounds: (Int64, Int64)) async throws {
            let database = try await Self.filled()
            let range = try DateRange(since: bounds.0, until: bounds.1)
            let source = try await database.source(account: 1, variables: ["PGTZ": "Australia/Lord_Howe"])
            let expected = try await OffThePool.run { try database.chatwootReport(account: 1, range: range) }
            #expect(try await source.summary(for: range) == expected)
            await source.close()
        }

        /// A `timestamptz` created_at (a customised schema) is compared as UTC too, whatever the session zone.
        @Test func timestampWithTimeZoneColumn() async throws {
            let database = try await Self.filled()
            let range = try DateRange(since: Self.since, until: Self.until)
            let expected = try await OffThePool.run {
                let expected = try database.chatwootReport(account: 1, range: range)
                try database.sql("SET TimeZone = 'UTC'; ALTER TABLE conversations ALTER COLUMN created_at TYPE timestamptz")
                return expected
            }
            let source = try await database.source(account: 1, variables: ["PGTZ": "Asia/Kolkata"])
            #expect(try await source.summary(for: range) == expected)
            await source.close()
        }

        @Test func accounts() async throws {
            let database = try await Self.filled()
            func failure(_ account: Int64?) async -> SourceError? {
                do { _ = try await database.source(account: account); return nil } catch { return error as? SourceError }
            }
            let several = await failure(nil)
            #expect(several?.message.contains("several accounts; choose one with --account ID: accounts: 1 (Acme), 2 (Globex), 3 (Frozen, suspended)") == true)
            let missing = await failure(4)
            #expect(missing?.kind == .refused)
            #expect(missing?.message.contains("has no account 4") == true)
            let suspended = await failure(3)
            #expect(suspended?.kind == .refused)
            #expect(suspended?.message.contains("account 3 (Frozen) is suspended") == true)
            let source = try await database.source(account: 2)
            #expect(source.displayName.hasPrefix("\(database.name) on /"))
            #expect(source.displayName.hasSuffix(", account 2 (Globex)"))
            await source.close()
            // The only account is chosen without --account.
            _ = try await OffThePool.run { try database.sql("DELETE FROM accounts WHERE id <> 2") }
            let only = try await database.source(account: nil)
            #expect(only.accountID == 2)
            await only.close()
        }
    }
}
