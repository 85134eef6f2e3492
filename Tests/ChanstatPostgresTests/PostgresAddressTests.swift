import ChanstatCore
@testable import ChanstatPostgres
import Foundation
import Testing

/// libpq's connection rules (docs/postgres.md), without a server: URL parts, `PG*` variables, defaults, the
/// password file, and the refusals.
@Suite struct PostgresAddressTests {
    static let home = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-no-home-\(UUID().uuidString)").path

    func resolve(_ url: String, _ variables: [String: String] = [:], user: String = "ops") throws -> PostgresTarget {
        try PostgresAddress.resolve(url, environment: .init(variables: variables, userName: user, homeDirectory: Self.home)).0
    }

    func refusal(_ url: String, _ variables: [String: String] = [:]) -> SourceError? {
        do {
            _ = try resolve(url, variables)
            return nil
        } catch {
            return error as? SourceError
        }
    }

    @Test func everyPartOfTheURL() throws {
        let target = try resolve("postgresql://chanstat@db.example.com:6432/chatwoot_production?sslmode=verify-full"
                                 + "&sslrootcert=/etc/ca.pem&connect_timeout=4&application_name=ops-board")
        #expect(target.endpoint == .tcp(host: "db.example.com", port: 6432))
        #expect(target.user == "chanstat")
        #expect(target.database == "chatwoot_production")
        #expect(target.sslMode == .verifyFull)
        #expect(target.sslRootCertificate == "/etc/ca.pem")
        #expect(target.connectTimeoutSeconds == 4)
        #expect(target.applicationName == "ops-board")
        #expect(target.password == nil)
        #expect(target.description == "chatwoot_production on db.example.com:6432 as chanstat")
    }

    /// libpq 16: the system's store trusts every public CA, so it checks the host name too, or refuses.
    @Test func sslrootcertSystemMeansVerifyFull() throws {
        #expect(try resolve("postgres://db.example.com/chatwoot?sslrootcert=system").sslMode == .verifyFull)
        #expect(try resolve("postgres://db.example.com/chatwoot", ["PGSSLROOTCERT": "system"]).sslMode == .verifyFull)
        #expect(try resolve("postgres://db.example.com/chatwoot?sslrootcert=system&sslmode=verify-full").sslMode == .verifyFull)
        for mode in ["disable", "allow", "prefer", "require", "verify-ca"] {
            let refused = refusal("postgres://db.example.com/chatwoot?sslrootcert=system&sslmode=\(mode)")
            #expect(refused == SourceError(.usage, "weak sslmode \"\(mode)\" may not be used with sslrootcert=system (use \"verify-full\")"))
        }
        #expect(refusal("postgres://db.example.com/chatwoot", ["PGSSLROOTCERT": "system", "PGSSLMODE": "require"])?.kind == .usage)
        // A file keeps the modes' meanings.
        #expect(try resolve("postgres://db.example.com/chatwoot?sslrootcert=/etc/ca.pem").sslMode == .prefer)
    }

    /// libpq's defaults: the Debian socket folder, 5432, the OS user, a database named as the user, prefer.
    @Test func defaultsWhenNothingIsSaid() throws {
        let target = try resolve("postgres://", user: "root")
        #expect(target.endpoint == .socket(directory: "/var/run/postgresql", port: 5432))
        #expect(target.socketPath == "/var/run/postgresql/.s.PGSQL.5432")
        #expect(target.user == "root")
        #expect(target.database == "root")
        #expect(target.sslMode == .prefer)
        #expect(target.connectTimeoutSeconds == PostgresTarget.defaultConnectTimeoutSeconds)
        #expect(target.applicationName == "chanstat")
        // The database's own machine: `postgres:///chatwoot_production`, peer authentication on the socket.
        #expect(try resolve("postgres:///chatwoot_production").endpoint == .socket(directory: "/var/run/postgresql", port: 5432))
        #expect(try resolve("postgres:///chatwoot_production").database == "chatwoot_production")
    }

    /// The URL beats the variables, which beat the defaults; query parameters beat the URL's parts.
    @Test func precedence() throws {
        let variables = ["PGHOST": "env-host", "PGPORT": "7000", "PGUSER": "env-user", "PGDATABASE": "env-db",
                         "PGSSLMODE": "require", "PGSSLROOTCERT": "/env/ca.pem", "PGCONNECT_TIMEOUT": "7",
                         "PGAPPNAME": "env-app", "PGTZ": "Asia/Kolkata"]
        let fromEnvironment = try resolve("postgres://", variables)
        #expect(fromEnvironment.endpoint == .tcp(host: "env-host", port: 7000))
        #expect(fromEnvironment.user == "env-user")
        #expect(fromEnvironment.database == "env-db")
        #expect(fromEnvironment.sslMode == .require)
        #expect(fromEnvironment.sslRootCertificate == "/env/ca.pem")
        #expect(fromEnvironment.connectTimeoutSeconds == 7)
        #expect(fromEnvironment.applicationName == "env-app")
        #expect(fromEnvironment.sessionTimeZone == "Asia/Kolkata")

        let fromURL = try resolve("postgres://url-user@url-host:6000/url-db?sslmode=disable", variables)
        #expect(fromURL.endpoint == .tcp(host: "url-host", port: 6000))
        #expect(fromURL.user == "url-user")
        #expect(fromURL.database == "url-db")
        #expect(fromURL.sslMode == .disable)

        let fromParameters = try resolve("postgres://url-user@url-host:6000/url-db?host=/run/pg&port=6001&user=p-user&dbname=p-db")
        #expect(fromParameters.endpoint == .socket(directory: "/run/pg", port: 6001))
        #expect(fromParameters.socketPath == "/run/pg/.s.PGSQL.6001")
        #expect(fromParameters.user == "p-user")
        #expect(fromParameters.database == "p-db")
    }

    /// As libpq: an empty parameter or variable is one not given.
    @Test func emptyValuesAreNotGiven() throws {
        let target = try resolve("postgres://h/db?host=&user=&sslmode=", ["PGUSER": "from-env", "PGPASSWORD": ""])
        #expect(target.endpoint == .tcp(host: "h", port: 5432))
        #expect(target.user == "from-env")
        #expect(target.sslMode == .prefer)
        #expect(target.password == nil)
    }

    @Test func percentEscapesAndIPv6() throws {
        let socket = try resolve("postgres://%2Fvar%2Flib%2Fpg/my%20db")
        #expect(socket.endpoint == .socket(directory: "/var/lib/pg", port: 5432))
        #expect(socket.database == "my db")
        let v6 = try resolve("postgres://u@[::1]:6543/db")
        #expect(v6.endpoint == .tcp(host: "::1", port: 6543))
        #expect(v6.address == "[::1]:6543")
        #expect(try resolve("postgres://u@[fe80::1]/db").endpoint == .tcp(host: "fe80::1", port: 5432))
        #expect(try resolve("postgres://j%40ne@h/db").user == "j@ne")
    }

    /// `ssl=true` is JDBC's spelling, which libpq takes as `sslmode=require`.
    @Test func jdbcSSLTrue() throws {
        #expect(try resolve("postgres://h/db?ssl=true").sslMode == .require)
        #expect(refusal("postgres://h/db?ssl=false")?.kind == .usage)
    }

    /// libpq: 0 waits for ever, less than 2 s means 2; chanstat never waits for ever.
    @Test func connectTimeoutRules() throws {
        #expect(try resolve("postgres://h/db?connect_timeout=0").connectTimeoutSeconds == PostgresTarget.defaultConnectTimeoutSeconds)
        #expect(try resolve("postgres://h/db?connect_timeout=1").connectTimeoutSeconds == 2)
        #expect(try resolve("postgres://h/db?connect_timeout=30").connectTimeoutSeconds == 30)
        #expect(refusal("postgres://h/db?connect_timeout=soon")?.message.contains("connect_timeout") == true)
    }

    /// A password in an argument is visible in `ps`: refused wherever it is in the URL, empty or not, and the
    /// sentence names the alternatives but never repeats the password.
    @Test(arguments: ["postgres://ops:hunter2@db/chatwoot", "postgres://ops:@db/chatwoot",
                      "postgresql://db/chatwoot?password=hunter2", "postgres://db/chatwoot?user=ops&password=hunter2"])
    func passwordsInTheURLAreRefused(_ url: String) throws {
        let error = try #require(refusal(url))
        #expect(error.kind == .usage)
        #expect(error.message.contains("~/.pgpass"))
        #expect(error.message.contains("PGPASSWORD"))
        #expect(!error.message.contains("hunter2"))
    }

    @Test func mistakesAreNamed() {
        #expect(refusal("postgres://h/db?sslmod=require")?.message.contains("unknown parameter 'sslmod'") == true)
        #expect(refusal("postgres://h/db?sslmode=strict")?.message.contains("sslmode 'strict'") == true)
        #expect(refusal("postgres://h/db", ["PGSSLMODE": "strict"])?.message.contains("PGSSLMODE") == true)
        #expect(refusal("postgres://h:99999/db")?.message.contains("port") == true)
        #expect(refusal("postgres://h/db", ["PGPORT": "x"])?.message.contains("PGPORT") == true)
        #expect(refusal("postgres://a,b/db")?.message.contains("several hosts") == true)
        #expect(refusal("postgres://[::1/db")?.kind == .usage)
        #expect(refusal("postgres://h/db?flag")?.kind == .usage)
        #expect(refusal("postgres://h/%zz")?.kind == .usage)
        for url in ["postgres://h/db?sslmod=require", "postgres://h/db?sslmode=strict"] {
            #expect(refusal(url)?.kind == .usage)
        }
    }

    @Test func locationTellsFilesFromURLs() {
        #expect(DatabaseLocation("postgres://h/db") == .postgres(url: "postgres://h/db"))
        #expect(DatabaseLocation("postgresql:///db") == .postgres(url: "postgresql:///db"))
        #expect(DatabaseLocation("/srv/postgres.sqlite") == .sqliteFile(path: "/srv/postgres.sqlite"))
        #expect(DatabaseLocation("postgres.sqlite") == .sqliteFile(path: "postgres.sqlite"))
    }
}

/// libpq's password file: fields, `*`, escapes, the first match, the socket rule, and the permission check.
@Suite struct PasswordFileTests {
    func target(_ url: String, _ variables: [String: String] = [:], home: String) throws -> (PostgresTarget, [String]) {
        try PostgresAddress.resolve(url, environment: .init(variables: variables, userName: "ops", homeDirectory: home))
    }

    func scratchHome(pgpass: String, mode: mode_t) throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let path = home + "/.pgpass"
        try pgpass.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, mode)
        return home
    }

    @Test func matchingRules() throws {
        let file = """
            # comment:*:*:*:nope
            db.example.com:5432:chatwoot:ops:first
            db.example.com:5432:chatwoot:ops:second
            *:5432:*:reader:star
            localhost:5432:*:ops:socket-default
            /tmp/pg:6000:*:ops:socket-dir
            h\\:x:5432:*:ops:escaped\\:colon:and more
            """
        func password(_ url: String) throws -> String? {
            let target = try PostgresAddress.resolve(url, environment: .init(variables: [:], userName: "ops", homeDirectory: nil)).0
            return PasswordFile.password(in: file, for: target)
        }
        #expect(try password("postgres://ops@db.example.com/chatwoot") == "first")
        #expect(try password("postgres://reader@anything/anydb") == "star")
        #expect(try password("postgres://ops@db.example.com/other") == nil)
        #expect(try password("postgres://ops@db.example.com:5433/chatwoot") == nil)
        // A socket in the default folder is "localhost"; another folder is matched by its path.
        #expect(try password("postgres:///x") == "socket-default")
        #expect(try password("postgres:///x?host=/tmp/pg&port=6000") == "socket-dir")
        #expect(PasswordFile.split("h\\:x:5432:*:ops:escaped\\:colon:and more") == ["h:x", "5432", "*", "ops", "escaped:colon:and more"])
    }

    @Test func privateFileIsReadAndPGPASSWORDWins() throws {
        let home = try scratchHome(pgpass: "*:*:*:ops:from-file\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let (target, warnings) = try target("postgres://ops@h/db", home: home)
        #expect(target.password == "from-file")
        #expect(warnings.isEmpty)
        #expect(try self.target("postgres://ops@h/db", ["PGPASSWORD": "from-env"], home: home).0.password == "from-env")
        // An empty PGPASSWORD is not set, as in libpq: the file is read (docs/postgres.md, "Environment variables").
        #expect(try self.target("postgres://ops@h/db", ["PGPASSWORD": ""], home: home).0.password == "from-file")
        // PGPASSFILE names another file; the password never appears in the target's description.
        #expect(try self.target("postgres://ops@h/db", ["PGPASSFILE": home + "/missing"], home: home).0.password == nil)
        #expect(!target.description.contains("from-file"))
    }

    /// libpq ignores a password file that group or others may read, with a warning: so does chanstat.
    @Test(arguments: [0o640, 0o604, 0o644] as [mode_t])
    func fileOthersCanReadIsIgnoredWithAWarning(_ mode: mode_t) throws {
        let home = try scratchHome(pgpass: "*:*:*:ops:exposed\n", mode: mode)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let (target, warnings) = try target("postgres://ops@h/db", home: home)
        #expect(target.password == nil)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("group or world access") == true)
        #expect(warnings.first?.contains("chmod 600") == true)
        #expect(warnings.first?.contains("exposed") == false)
    }
}

@Suite struct FailureWordingTests {
    /// A timeout is said as precisely as it was set: `--statement-timeout 1.5` is not "1 s".
    @Test func durations() {
        #expect(PostgresFailure.seconds(.seconds(10)) == "10 s")
        #expect(PostgresFailure.seconds(.milliseconds(1500)) == "1.5 s")
        #expect(PostgresFailure.seconds(.milliseconds(300)) == "300 ms")
    }

    /// What a refresh will do is part of the dashboard's sentence, and left out where no refresh follows.
    @Test func theRefreshClauseIsTheDashboardsOnly() {
        let error = SourceError(.unavailable, "the connection was reset", onNextRefresh: "it is made again on the next refresh")
        #expect(error.message == "the connection was reset; it is made again on the next refresh")
        #expect(error.messageWithoutRefresh == "the connection was reset")
        #expect(SourceError(.refused, "no").messageWithoutRefresh == "no")
    }

    /// A replica's recovery conflict (SQLSTATE 40001, the server's DETAIL as PostgreSQL 16 words it): only a
    /// snapshot conflict is helped by hot_standby_feedback; a lock is not (issue 24 item 2).
    @Test func replicationConflictAdviceFollowsTheConflict() {
        let snapshot = "User query might have needed to see row versions that must be removed."
        let lock = "User was holding a relation lock for too long."
        let pin = "User was holding shared buffer pin for too long."
        let deadlock = "User transaction caused buffer deadlock with recovery."
        #expect(PostgresFailure.replicationConflictAdvice(detail: snapshot).contains("hot_standby_feedback"))
        for detail in [lock, pin] {
            let advice = PostgresFailure.replicationConflictAdvice(detail: detail)
            #expect(!advice.contains("hot_standby_feedback"))
            #expect(advice.contains("max_standby_streaming_delay"))
        }
        #expect(PostgresFailure.replicationConflictAdvice(detail: deadlock) == "")
        #expect(PostgresFailure.replicationConflictAdvice(detail: "") == "")
    }
}
