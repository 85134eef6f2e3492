import ChanstatTestSupport
import Foundation
import Testing

extension PostgresServerTests {
    /// A database password reaches chanstat only through PGPASSWORD or the password file, and nothing chanstat
    /// prints, serves or logs contains it: success, every refusal, serve's log and answers, sample's output.
    @Suite(.enabled(if: PostgresCluster.isAvailable && ChanstatBinary.isBuilt, "needs PostgreSQL and a built chanstat"),
           .timeLimit(.minutes(3)))
    struct PasswordNeverShownTests {
        static let password = "pw-never-shown-7Q2x"

        @Test func noOutputHoldsThePassword() throws {
            let database = try ChatwootDatabase.make()
            try database.sql("INSERT INTO accounts (id, name) VALUES (1, 'Acme'), (2, 'Globex')")
            let role = "secretive"
            try database.cluster.createRole(role, password: Self.password)
            try database.sql("GRANT SELECT ON accounts, inboxes, conversations, users, account_users, access_tokens TO \(role)")
            let port = database.cluster.port
            let url = "postgres://\(role)@127.0.0.1:\(port)/\(database.name)"
            let withPassword = ["PGPASSWORD": Self.password]
            let range = ["--since", "0", "--until", "86400"]

            // A password file instead of the variable: read at mode 0600, ignored with a warning at 0644.
            let home = database.cluster.directory.appendingPathComponent("home-\(UUID().uuidString.prefix(6))")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            let pgpass = home.appendingPathComponent(".pgpass").path
            try "127.0.0.1:\(port):*:\(role):\(Self.password)\n".write(toFile: pgpass, atomically: false, encoding: .utf8)
            chmod(pgpass, 0o600)
            var outputs: [(String, ProcessResult)] = []
            func run(_ name: String, _ arguments: [String], _ environment: [String: String]) throws -> ProcessResult {
                let result = try ChanstatBinary.run(arguments, environment: environment)
                outputs.append((name, result))
                return result
            }
            let fromFile = try run("pgpass 0600", ["report", "--db", url, "--account", "1", "--format", "json"] + range,
                                   ["HOME": home.path])
            #expect(fromFile.status == 0, "\(fromFile.stderr)")
            chmod(pgpass, 0o644)
            let exposed = try run("pgpass 0644", ["report", "--db", url, "--account", "1"] + range, ["HOME": home.path])
            #expect(exposed.status == 1)
            #expect(exposed.stderr.contains("chanstat: warning: password file \(pgpass) has group or world access; it is ignored"))

            #expect(try run("table", ["report", "--db", url, "--account", "1"] + range, withPassword).status == 0)
            #expect(try run("several accounts", ["report", "--db", url] + range, withPassword).status == 1)
            #expect(try run("wrong password", ["report", "--db", url] + range, ["PGPASSWORD": Self.password + "x"]).status == 1)
            #expect(try run("no database", ["report", "--db", url + "_missing"] + range, withPassword).status == 1)
            #expect(try run("TLS not offered", ["report", "--db", url + "?sslmode=require"] + range, withPassword).status == 1)
            let inURL = try run("password in the URL", ["report", "--db", "postgres://\(role):\(Self.password)@127.0.0.1:\(port)/x"],
                                withPassword)
            #expect(inURL.status == 2)

            let serve = try ServeProcess(database: url, environment: withPassword)
            let answers = try ["/health", "/api/v2/accounts/1/summary_reports/channel?since=0&until=86400"].map {
                try Shell.run("curl", ["-s", "-i", "-H", "Api-Access-Token: nobody", serve.url + $0]).stdout
            }
            let stopped = serve.stop()
            #expect(stopped.status == 0)
            #expect(answers[0].contains("\"status\":\"ok\""))
            #expect(answers[1].contains("401"))
            for answer in answers + [serve.log, stopped.stdout] { #expect(!answer.contains(Self.password)) }

            for (name, result) in outputs {
                #expect(!result.stdout.contains(Self.password), "\(name) stdout")
                #expect(!result.stderr.contains(Self.password), "\(name) stderr")
            }
            #expect(outputs.count == 8)
        }
    }
}
