import ChanstatCore
import ChanstatTestSupport
import Foundation
import Testing

extension PostgresServerTests {
    /// sslmode with libpq's meanings, pg_hba.conf refusals and peer authentication, through the real binary
    /// against servers started for each case.
    @Suite(.enabled(if: PostgresCluster.isAvailable && TestCertificates.isAvailable && ChanstatBinary.isBuilt,
                    "needs PostgreSQL, openssl and a built chanstat"),
           .timeLimit(.minutes(4)))
    struct TLSAndAuthenticationTests {
        static let password = "tls-test-password"

        /// A TLS cluster (certificate for `certificateHost`, from its test CA) with a password role and an account.
        func tlsCluster(certificateHost: String = "localhost", hba: [String]? = nil) throws -> (PostgresCluster, ChatwootDatabase, String) {
            var options = PostgresCluster.Options()
            options.tls = true
            options.certificateHost = certificateHost
            options.hba = hba
            // "connection authorized: … SSL enabled (protocol=…)" in the log: proof that TLS was used.
            options.extraSettings = ["log_connections": "on"]
            let cluster = try PostgresCluster.start(options)
            let database = try ChatwootDatabase.make(on: cluster)
            try database.sql("INSERT INTO accounts (id, name) VALUES (1, 'Acme')")
            let role = "tls_reader"
            try cluster.createRole(role, password: Self.password)
            try database.sql("GRANT SELECT ON accounts, inboxes, conversations TO \(role)")
            return (cluster, database, role)
        }

        func report(_ url: String, home: String? = nil) throws -> ProcessResult {
            try ChanstatBinary.run(["report", "--db", url, "--format", "json", "--since", "0", "--until", "86400"],
                                   environment: ["PGPASSWORD": Self.password, "HOME": home ?? "/nonexistent"])
        }

        @Test func verifyFullWithTheCAConnects() throws {
            let (cluster, database, role) = try tlsCluster()
            defer { cluster.destroy() }
            let ca = try #require(cluster.certificates?.caFile)
            for host in ["localhost", "127.0.0.1"] {
                let result = try report("postgres://\(role)@\(host):\(cluster.port)/\(database.name)?sslmode=verify-full&sslrootcert=\(ca)")
                #expect(result.status == 0, "\(host): \(result.stderr)")
                #expect(result.stdout == "{}\n")
            }
            // libpq reads ~/.postgresql/root.crt when nothing names a root certificate.
            let home = cluster.directory.appendingPathComponent("home")
            try FileManager.default.createDirectory(at: home.appendingPathComponent(".postgresql"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: ca, toPath: home.appendingPathComponent(".postgresql/root.crt").path)
            let viaHome = try report("postgres://\(role)@localhost:\(cluster.port)/\(database.name)?sslmode=verify-full", home: home.path)
            #expect(viaHome.status == 0, "\(viaHome.stderr)")
            let authorized = cluster.logContents.split(separator: "\n").filter { $0.contains("connection authorized: user=\(role)") }
            #expect(authorized.count == 3)
            #expect(authorized.allSatisfy { $0.contains("SSL enabled") })
        }

        @Test func aCertificateForAnotherHostIsRefused() throws {
            let (cluster, database, role) = try tlsCluster(certificateHost: "db.other.example")
            defer { cluster.destroy() }
            let ca = try #require(cluster.certificates?.caFile)
            let url = "postgres://\(role)@localhost:\(cluster.port)/\(database.name)?sslrootcert=\(ca)"
            let full = try report(url + "&sslmode=verify-full")
            #expect(full.status == 1)
            #expect(full.stderr == "chanstat: the certificate of PostgreSQL at localhost:\(cluster.port) is not for that host name "
                    + "(sslmode=verify-full); connect with the name the certificate holds, or use sslmode=verify-ca\n")
            // verify-ca checks the signature only: the same certificate passes.
            #expect(try report(url + "&sslmode=verify-ca").status == 0)
        }

        @Test func aCertificateFromAnotherCAIsRefused() throws {
            let (cluster, database, role) = try tlsCluster()
            defer { cluster.destroy() }
            let otherCA = try TestCertificates(directory: cluster.directory.appendingPathComponent("other-ca"))
            let result = try report("postgres://\(role)@localhost:\(cluster.port)/\(database.name)?sslmode=verify-ca&sslrootcert=\(otherCA.caFile)")
            #expect(result.status == 1)
            #expect(result.stderr.contains("is not signed by a trusted root (sslmode=verify-ca); name its CA with sslrootcert=FILE"))
            // require without a root certificate does not check (libpq's meaning), so it connects.
            #expect(try report("postgres://\(role)@localhost:\(cluster.port)/\(database.name)?sslmode=require").status == 0)
        }

        @Test func verifyingWithoutARootCertificateIsBadUsage() throws {
            let result = try report("postgres://someone@localhost:1/db?sslmode=verify-full")
            #expect(result.status == 2)
            #expect(result.stderr.contains("sslmode=verify-full checks the server's certificate, but no root certificate is configured"))
        }

        /// A server without TLS, asked for TLS: refused, and said so.
        @Test func tlsRequiredButNotOffered() throws {
            let database = try ChatwootDatabase.make()
            let result = try report("postgres://postgres@127.0.0.1:\(database.cluster.port)/\(database.name)?sslmode=require")
            #expect(result.status == 1)
            #expect(result.stderr == "chanstat: PostgreSQL at 127.0.0.1:\(database.cluster.port) does not offer TLS, but "
                    + "sslmode=require requires it; enable ssl on the server, or use sslmode=prefer if plain TCP is acceptable there\n")
        }

        /// pg_hba.conf with TLS-only rules: `disable` has no rule (named in the sentence), `allow` retries with
        /// TLS and gets in, `prefer` (the default) uses TLS from the start.
        @Test func hbaRulesAndAllow() throws {
            let (cluster, database, role) = try tlsCluster(hba: ["local all all trust", "local replication all trust",
                                                                  "hostssl all all 127.0.0.1/32 scram-sha-256"])
            defer { cluster.destroy() }
            let base = "postgres://\(role)@127.0.0.1:\(cluster.port)/\(database.name)"
            let disabled = try report(base + "?sslmode=disable")
            #expect(disabled.status == 1)
            #expect(disabled.stderr.contains("has no pg_hba.conf rule that lets user \(role) connect to database \(database.name) from here"))
            #expect(disabled.stderr.contains("no encryption"))
            #expect(try report(base + "?sslmode=allow").status == 0)
            #expect(try report(base).status == 0)
            let authorized = cluster.logContents.split(separator: "\n").filter { $0.contains("connection authorized: user=\(role)") }
            #expect(authorized.count == 2)
            #expect(authorized.allSatisfy { $0.contains("SSL enabled") })
            // A user with no rule at all: the same sentence, from the server's own words.
            try cluster.reloadHBA(["local all postgres trust", "local replication all trust",
                                   "hostssl all postgres 127.0.0.1/32 scram-sha-256"])
            let noRule = try report(base)
            #expect(noRule.status == 1)
            #expect(noRule.stderr.contains("has no pg_hba.conf rule that lets user \(role) connect"))
        }

        /// On the database's own machine: `postgres:///DB` over the Unix socket, as the operating-system user,
        /// with peer authentication and no password anywhere.
        @Test func peerAuthenticationOverTheSocket() throws {
            var options = PostgresCluster.Options()
            options.hba = ["local all all peer", "local replication all peer"]
            let cluster = try PostgresCluster.start(options)
            defer { cluster.destroy() }
            let me = try #require(Shell.run("id", ["-un"]).stdout.split(separator: "\n").first.map(String.init))
            let database = try ChatwootDatabase.make(on: cluster)
            try database.sql("INSERT INTO accounts (id, name) VALUES (1, 'Acme')")
            if me != "postgres" {
                try cluster.createRole(me, password: nil)
                try database.sql("GRANT SELECT ON accounts, inboxes, conversations TO \"\(me)\"")
            }
            let result = try ChanstatBinary.run(["report", "--db", "postgres:///\(database.name)?host=\(cluster.socketDirectory)&port=\(cluster.port)",
                                                 "--format", "json", "--since", "0", "--until", "86400"],
                                                environment: ["PGUSER": "", "PGPASSWORD": ""])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "{}\n")
            // Someone else's name is refused by the server (peer: the OS user must match).
            let other = try ChanstatBinary.run(["report", "--db", "postgres:///\(database.name)?host=\(cluster.socketDirectory)&port=\(cluster.port)&user=nobody_else"])
            #expect(other.status == 1)
            #expect(other.stderr.contains("Peer authentication failed") || other.stderr.contains("pg_hba.conf"))
        }
    }
}
