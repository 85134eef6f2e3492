import ChanstatTestSupport
import Foundation
import Testing

extension PostgresServerTests {
    /// The throwaway servers the PostgreSQL tests stand on: if these fail, nothing built on PostgresCluster can be
    /// trusted, so each promise it makes is checked with psql, outside the code under test.
    @Suite(.enabled(if: PostgresCluster.isAvailable, "needs PostgreSQL's initdb and pg_ctl (scripts/setup installs postgresql)"),
           .timeLimit(.minutes(3)))
    struct ClusterTests {
        @Test func startsAndRunsSQL() throws {
            let cluster = try PostgresCluster.start()
            defer { cluster.destroy() }
            try cluster.createDatabase("chatwoot")
            let sum = try cluster.psql("CREATE TABLE t (n int); INSERT INTO t VALUES (1), (2); SELECT sum(n) FROM t",
                                       database: "chatwoot")
            #expect(sum == "3")
            #expect(try cluster.psql("SHOW listen_addresses") == "127.0.0.1")
            // Not UTC unless asked: the product must not lean on the server's time zone.
            #expect(try cluster.psql("SHOW TimeZone") == "America/New_York")
        }

        @Test func optionsBecomeSettings() throws {
            var options = PostgresCluster.Options()
            options.timeZone = "Asia/Kolkata"
            options.maxConnections = 20
            options.extraSettings = ["work_mem": "8MB", "application_name": "it's quoted"]
            let cluster = try PostgresCluster.start(options)
            defer { cluster.destroy() }
            #expect(try cluster.psql("SHOW TimeZone") == "Asia/Kolkata")
            #expect(try cluster.psql("SELECT extract(timezone_hour FROM now())") == "5")
            #expect(try cluster.psql("SHOW max_connections") == "20")
            #expect(try cluster.psql("SHOW work_mem") == "8MB")
        }

        @Test func failedStartSaysWhy() throws {
            var options = PostgresCluster.Options()
            options.extraSettings = ["shared_buffers": "lots"]
            let failure = #expect(throws: PostgresClusterError.self) { try PostgresCluster.start(options) }
            #expect(failure?.message.contains(#"invalid value for parameter "shared_buffers""#) == true,
                    "\(failure?.message ?? "")")
        }

        @Test func passwordLoginOverTCP() throws {
            let cluster = try PostgresCluster.start()
            defer { cluster.destroy() }
            try cluster.createRole("agent", password: "s3cret 'quoted'")
            let tcp = cluster.connectionString(user: "agent")
            let good = try PostgresCluster.runPSQL(connection: tcp, "SELECT current_user", password: "s3cret 'quoted'")
            #expect(good.status == 0, "\(good.stderr)")
            #expect(good.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "agent")
            #expect(try cluster.psql("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'agent'") == "t")

            let wrong = try PostgresCluster.runPSQL(connection: tcp, "SELECT 1", password: "wrong")
            #expect(wrong.status != 0)
            #expect(wrong.stderr.contains("password authentication failed"), "\(wrong.stderr)")
            let none = try PostgresCluster.runPSQL(connection: tcp, "SELECT 1")
            #expect(none.status != 0)
        }

        @Test func superuserKeepsAccessUnderPeerRules() throws {
            let cluster = try PostgresCluster.start()
            defer { cluster.destroy() }
            try cluster.reloadHBA(["local all all peer", "host all all 127.0.0.1/32 scram-sha-256"])
            #expect(try cluster.psql("SELECT auth_method FROM pg_hba_file_rules WHERE type = 'local'") == "peer")
            #expect(try cluster.psql("SELECT current_user") == "postgres")
        }

        @Test func restartKeepsData() throws {
            let cluster = try PostgresCluster.start()
            defer { cluster.destroy() }
            try cluster.psql("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('before restart')")
            let pid = try cluster.psql("SELECT pg_postmaster_start_time()")
            try cluster.restart()
            #expect(try cluster.psql("SELECT note FROM kept") == "before restart")
            #expect(try cluster.psql("SELECT pg_postmaster_start_time()") != pid, "the server did not restart")
        }

        @Test func standbyReplaysAndIsReadOnly() throws {
            let primary = try PostgresCluster.start()
            defer { primary.destroy() }
            try primary.psql("CREATE TABLE t (n int); INSERT INTO t VALUES (1)")
            let standby = try primary.startStandby()
            defer { standby.destroy() }
            #expect(standby.port != primary.port)
            try primary.psql("INSERT INTO t VALUES (2)")
            try primary.waitForReplay(on: standby)

            #expect(try standby.psql("SELECT pg_is_in_recovery()") == "t")
            #expect(try primary.psql("SELECT pg_is_in_recovery()") == "f")
            #expect(try standby.psql("SELECT string_agg(n::text, ',' ORDER BY n) FROM t") == "1,2")
            let write = #expect(throws: PostgresClusterError.self) { try standby.psql("INSERT INTO t VALUES (3)") }
            #expect(write?.message.contains("read-only transaction") == true, "\(write?.message ?? "")")
        }

        @Test(.enabled(if: TestCertificates.isAvailable, "needs the openssl CLI"))
        func tlsWithACertificateFromTheTestCA() throws {
            var options = PostgresCluster.Options()
            options.tls = true
            let cluster = try PostgresCluster.start(options)
            defer { cluster.destroy() }
            let ca = try #require(cluster.certificates).caFile
            try cluster.createRole("agent", password: "pw")
            let sslQuery = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
            // By name and by address: the certificate has both as subject alternative names.
            for host in ["localhost", "127.0.0.1"] {
                let verified = try PostgresCluster.runPSQL(
                    connection: cluster.connectionString(host: host, user: "agent") + " sslmode=verify-full sslrootcert=\(ca)",
                    sslQuery, password: "pw")
                #expect(verified.status == 0, "\(host): \(verified.stderr)")
                #expect(verified.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "t")
            }

            // hostssl only: a plain TCP login then has no rule, which proves reloadHBA took effect.
            try cluster.reloadHBA(["local all all trust", "hostssl all all 127.0.0.1/32 scram-sha-256"])
            let plain = try PostgresCluster.runPSQL(connection: cluster.connectionString(user: "agent") + " sslmode=disable",
                                                    "SELECT 1", password: "pw")
            #expect(plain.status != 0)
            #expect(plain.stderr.contains("no pg_hba.conf entry"), "\(plain.stderr)")
            #expect(throws: PostgresClusterError.self) { try cluster.reloadHBA(["host all all nonsense"]) }
        }

        @Test(.enabled(if: TestCertificates.isAvailable, "needs the openssl CLI"))
        func certificatesForOtherHostsAndSelfSigned() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-certs-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let certificates = try TestCertificates(directory: folder)
            let other = try certificates.serverCertificate(forHost: "db.other.example")
            let selfSigned = try TestCertificates.selfSigned(forHost: "db.other.example", in: folder)

            #expect(try openssl(["verify", "-CAfile", certificates.caFile, other.certFile]).status == 0)
            #expect(try openssl(["verify", "-CAfile", certificates.caFile, selfSigned.certFile]).status != 0)
            let names = try openssl(["x509", "-in", other.certFile, "-noout", "-ext", "subjectAltName"]).stdout
            #expect(names.contains("DNS:db.other.example"))
            #expect(!names.contains("IP Address"))
            let mode = try FileManager.default.attributesOfItem(atPath: other.keyFile)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }

        private func openssl(_ arguments: [String]) throws -> ProcessResult {
            try ChildProcess.run(URL(fileURLWithPath: TestCertificates.openssl), arguments)
        }
    }
}
