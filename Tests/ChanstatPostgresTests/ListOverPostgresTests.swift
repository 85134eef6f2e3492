import ChanstatTestSupport
import Foundation
import Testing

extension PostgresServerTests {
    /// `report --list` through the real binary over Chatwoot's tables on a server whose TimeZone is New York, with
    /// a session in Tokyo: the same hand-counted lists as on a file (`ListFixture`), counts equal to the report's
    /// cells, nothing of a contact, and a role without SELECT on a list's tables told which one.
    @Suite(.enabled(if: PostgresCluster.isAvailable && ChanstatBinary.isBuilt, "needs PostgreSQL and a built chanstat"),
           .timeLimit(.minutes(5)))
    struct ListOverPostgresTests {
        static func database() throws -> ChatwootDatabase {
            let database = try ChatwootDatabase.make()
            try database.sql(ListFixture.postgresSchema)
            // Rails' UTC text with a fraction, as Chatwoot stores it (timestamp(6) without time zone).
            try database.sql(ListFixture.inserts { "'\(RailsTime.text($0)).75'" })
            return database
        }

        func list(_ database: ChatwootDatabase, _ arguments: [String], format: String = "json",
                  user: String = "postgres") throws -> ProcessResult {
            let cohort = arguments.contains("--now") ? ["--account", "1"] : ListFixture.range
            return try ChanstatBinary.run(["report", "--db", database.url(user: user), "--list", "--format", format]
                                          + cohort + arguments, environment: ["PGTZ": "Asia/Tokyo"])
        }

        func report(_ database: ChatwootDatabase) -> ([String]) throws -> ProcessResult {
            { try ChanstatBinary.run(["report", "--db", database.url()] + $0, environment: ["PGTZ": "Asia/Tokyo"]) }
        }

        @Test func everyFilterListsItsConversationsInOrder() throws {
            let database = try Self.database()
            try ListCellChecks.everyListInOrder(report(database))
            let limited = try ListChecks.items(list(database, ["--now", "--limit", "3", "--web-url", "https://chat.example.com/"]).stdout,
                                               web: "https://chat.example.com")
            #expect(limited.count == 10 && limited.ids == [8, 2, 5])
        }

        @Test func countsEqualTheReportsCellsAndNoContactDataShows() throws {
            let database = try Self.database()
            try ListCellChecks.channelCellsEqualLists(report(database))
            for format in ["json", "csv", "table"] {
                for arguments in [[], ["--now"]] {
                    let run = try list(database, arguments, format: format)
                    #expect(run.status == 0)
                    ListChecks.expectNoContactData(run.stdout)
                    if format != "json" { #expect(ListChecks.isTerminalSafe(run.stdout)) }
                }
            }
        }

        @Test func groupedAndQueueCellsEqualTheirLists() throws {
            let database = try Self.database()
            try ListCellChecks.rangeCellsEqualLists(report(database))
            try ListCellChecks.queueCellsEqualLists(report(database))
        }

        /// A role that may read the report's tables but not `teams`: the list names the table, the report works.
        @Test func aRoleWithoutSelectOnTeamsIsToldWhich() throws {
            let database = try Self.database()
            let role = "lister_\(UUID().uuidString.prefix(6).lowercased())"
            try database.cluster.createRole(role, password: nil)
            try database.sql("GRANT SELECT ON accounts, inboxes, conversations, users, tags, taggings TO \(role)")
            let run = try list(database, [], user: role)
            #expect(run.status == 1)
            #expect(run.stderr.contains("this database user may not read table teams, which a list of conversations needs"),
                    "\(run.stderr)")
            let report = try ChanstatBinary.run(["report", "--db", database.url(user: role), "--format", "json"] + ListFixture.range)
            #expect(report.status == 0, "\(report.stderr)")
        }
    }
}
