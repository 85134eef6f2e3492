@testable import ChanstatSQLite
import ChanstatCore
import Foundation
import GRDB
import Testing
import ChanstatTestSupport

/// docs/report.md's rules on real files, each rule on all four shapes: Unix or text timestamps, with or without the index.
@Suite struct ReportSemanticsTests {
    func open(_ variant: FileVariant, account: Int64? = 1, edit: (inout ChatwootFixture) -> Void = { _ in })
        throws -> (Scratch, SQLiteReportSource) {
        let scratch = try Scratch()
        var fixture = Week.fixture(variant.timestamps, index: variant.index)
        edit(&fixture)
        try fixture.write(to: scratch.path("chatwoot.sqlite"))
        return (scratch, try SQLiteReportSource(path: scratch.path("chatwoot.sqlite"), accountID: account))
    }

    func json(_ source: SQLiteReportSource, _ since: Int64, _ until: Int64) async throws -> String {
        ReportJSON.encode(try await source.summary(for: DateRange(since: since, until: until)))
    }

    @Test(arguments: FileVariant.allCases)
    func theWeekForAccountOne(_ variant: FileVariant) async throws {
        let (scratch, source) = try open(variant)
        _ = scratch
        #expect(source.layout.hasRecommendedIndex == variant.index)
        #expect(try await json(source, Week.since, Week.until) == Week.accountOneJSON)
    }

    @Test(arguments: FileVariant.allCases)
    func otherAccountsAreSelectedByTheConversationsOwnAccount(_ variant: FileVariant) async throws {
        let (scratch, source) = try open(variant, account: 2)
        _ = scratch
        #expect(try await json(source, Week.since, Week.until) == Week.accountTwoJSON)
    }

    @Test(arguments: FileVariant.allCases)
    func exactlyAtSinceIsCountedAndAtUntilIsNot(_ variant: FileVariant) async throws {
        let (scratch, source) = try open(variant)
        _ = scratch
        // [since, since+1): only the conversation created at `since`.
        #expect(try await json(source, Week.since, Week.since + 1)
                == #"{"Channel::WebWidget":{"open":1,"resolved":0,"pending":0,"snoozed":0,"total":1}}"#)
        // [until-1, until): the one at until-1 (with its fraction in text files); the one at `until` is not.
        #expect(try await json(source, Week.until - 1, Week.until)
                == #"{"Channel::WebWidget":{"open":0,"resolved":1,"pending":0,"snoozed":0,"total":1}}"#)
        // [until, until+1): the one at `until`.
        #expect(try await json(source, Week.until, Week.until + 1)
                == #"{"Channel::WebWidget":{"open":1,"resolved":0,"pending":0,"snoozed":0,"total":1}}"#)
        // [since-1, since): the Email conversation one second (and a half, in text files) before.
        #expect(try await json(source, Week.since - 1, Week.since)
                == #"{"Channel::Email":{"open":1,"resolved":0,"pending":0,"snoozed":0,"total":1}}"#)
    }

    @Test(arguments: FileVariant.allCases)
    func emptyWindowsGiveAnEmptyObject(_ variant: FileVariant) async throws {
        let (scratch, source) = try open(variant)
        _ = scratch
        #expect(try await json(source, Week.since + 1_000, Week.since + 2_000) == "{}")
        // Only conversations with unknown statuses in this window (4, -1, 2^32, Int64.max, Int64.min).
        #expect(try await json(source, Week.since + 400, Week.since + 401) == "{}")
        #expect(try await json(source, Week.since + 500, Week.since + 501) == "{}")
        #expect(try await json(source, Week.since + 900, Week.since + 903) == "{}")
        // Long before anything.
        #expect(try await json(source, 0, 86_400) == "{}")
    }

    @Test(arguments: FileVariant.allCases)
    func aChannelTypeWithNothingInRangeIsLeftOut(_ variant: FileVariant) async throws {
        let (scratch, source) = try open(variant)
        _ = scratch
        // WhatsApp has conversations a day before and a day after the week, none in it.
        let week = try await source.summary(for: DateRange(since: Week.since, until: Week.until))
        #expect(week.channels["Channel::Whatsapp"] == nil)
        // Widen the range to take in the day before: WhatsApp appears with one open.
        let wider = try await source.summary(for: DateRange(since: Week.since - 86_400, until: Week.until))
        #expect(wider.channels["Channel::Whatsapp"] == ChannelCounts(open: 1, resolved: 0, pending: 0, snoozed: 0))
    }

    @Test(arguments: FileVariant.allCases)
    func severalInboxesOfOneTypeAreSummed(_ variant: FileVariant) async throws {
        let (scratch, source) = try open(variant)
        _ = scratch
        // [since, since+301): inbox 1's open at since, and inbox 2's pending, snoozed and open at +100/+200/+300.
        #expect(try await json(source, Week.since, Week.since + 301)
                == #"{"Channel::WebWidget":{"open":2,"resolved":0,"pending":1,"snoozed":1,"total":4}}"#)
    }

    @Test(arguments: FileVariant.allCases)
    func nullAndNonIntegerStatusesCountNowhere(_ variant: FileVariant) async throws {
        let (scratch, source) = try open(variant) { fixture in
            // An untrusted file need not keep the NOT NULL of the schema's DDL.
            fixture.conversationsDDL = """
                CREATE TABLE conversations (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
                                            inbox_id INTEGER NOT NULL, status INTEGER, created_at NOT NULL)
                """
            fixture.conversations = [
                .init(account: 1, inbox: 3, status: nil, createdAt: Week.since + 1),
                .init(account: 1, inbox: 3, status: 2, createdAt: Week.since + 2),
            ]
        }
        _ = scratch
        try await DatabaseQueue(path: scratch.path("chatwoot.sqlite")).write { db in
            try db.execute(sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, 3, 1.5, ?)",
                           arguments: [variant.timestamps == .unix ? (Week.since + 3).databaseValue
                                       : ChatwootFixture.railsText(Week.since + 3).databaseValue])
            try db.execute(sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, 3, 'open', ?)",
                           arguments: [variant.timestamps == .unix ? (Week.since + 4).databaseValue
                                       : ChatwootFixture.railsText(Week.since + 4).databaseValue])
        }
        #expect(try await json(source, Week.since, Week.until)
                == #"{"Channel::Email":{"open":0,"resolved":0,"pending":1,"snoozed":0,"total":1}}"#)
    }

    @Test func anEmptyFileGivesAnEmptyObject() async throws {
        for variant in FileVariant.allCases {
            let (scratch, source) = try open(variant) { $0.conversations = [] }
            _ = scratch
            #expect(try await json(source, Week.since, Week.until) == "{}")
        }
    }

    @Test(arguments: FileVariant.allCases)
    func theSpecExample(_ variant: FileVariant) async throws {
        // the payload of docs/report.md, built from rows: WebWidget 2/1/1/1 over two inboxes, Email 1/2/0/0.
        let (scratch, source) = try open(variant) { fixture in
            fixture.conversations = [(1, 0), (2, 0), (1, 1), (2, 2), (1, 3), (3, 0), (3, 1), (3, 1)].enumerated().map {
                .init(account: 1, inbox: $0.element.0, status: $0.element.1, createdAt: Week.since + Int64($0.offset) * 3_600)
            }
        }
        _ = scratch
        #expect(try await json(source, Week.since, Week.until) == """
            {"Channel::Email":{"open":1,"resolved":2,"pending":0,"snoozed":0,"total":3},\
            "Channel::WebWidget":{"open":2,"resolved":1,"pending":1,"snoozed":1,"total":5}}
            """)
    }
}
