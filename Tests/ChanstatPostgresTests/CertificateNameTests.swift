import ChanstatTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension PostgresServerTests {
    /// SPEC 14, "TLS means the name", for `sslmode=verify-full`: a certificate from the trusted CA that names only
    /// `DNS:db.example.test` and an IP address is refused for `localhost`, even when localhost is that very IP
    /// address (the TLS library alone accepts it), and accepted for the IP literal and for db.example.test. The
    /// names are given their addresses by a private /etc/hosts, so `localhost` can be ::1 too.
    @Suite(.enabled(if: PostgresCluster.isAvailable && TestCertificates.isAvailable && ChanstatBinary.isBuilt
                    && PrivateHosts.isAvailable, "needs PostgreSQL, openssl, a built chanstat and root (unshare)"),
           .timeLimit(.minutes(4)))
    struct CertificateNameTests {
        static let password = "name-test-password"
        static let role = "name_reader"
        static let refusal = "is not for that host name (sslmode=verify-full)"

        @Test(arguments: [("127.0.0.1", "127.0.0.1"), ("::1", "[::1]")])
        func anIPEntryDoesNotNameAHost(address: String, literal: String) throws {
            var options = PostgresCluster.Options()
            options.tls = true
            options.extraSettings = ["listen_addresses": "127.0.0.1,::1"]
            options.hba = PostgresCluster.defaultHBA + ["host all all ::1/128 scram-sha-256"]
            let cluster = try PostgresCluster.start(options)
            defer { cluster.destroy() }
            let database = try ChatwootDatabase.make(on: cluster)
            _ = try database.sql("INSERT INTO accounts (id, name) VALUES (1, 'Acme')")
            try cluster.createRole(Self.role, password: Self.password)
            _ = try database.sql("GRANT SELECT ON accounts, inboxes, conversations TO \(Self.role)")
            let ca = try #require(cluster.certificates)
            try use(ca.serverCertificate(names: ["DNS:db.example.test", "IP:\(address)"], commonName: "db.example.test",
                                         in: cluster.directory.appendingPathComponent("names")), on: cluster)
            let hosts = ["\(address) localhost", "\(address) db.example.test"]

            let forLocalhost = try report(host: "localhost", cluster, database, ca.caFile, hosts: hosts)
            #expect(forLocalhost.status == 1)
            #expect(forLocalhost.stderr == "chanstat: the certificate of PostgreSQL at localhost:\(cluster.port) \(Self.refusal); "
                    + "connect with the name the certificate holds, or use sslmode=verify-ca\n")
            for host in [literal, "db.example.test"] {
                let accepted = try report(host: host, cluster, database, ca.caFile, hosts: hosts)
                #expect(accepted.status == 0, "\(host): \(accepted.stderr)")
                #expect(accepted.stdout == "{}\n")
            }
        }

        func report(host: String, _ cluster: PostgresCluster, _ database: ChatwootDatabase, _ caFile: String,
                    hosts: [String]) throws -> ProcessResult {
            let url = "postgres://\(Self.role)@\(host):\(cluster.port)/\(database.name)?sslmode=verify-full&sslrootcert=\(caFile)"
            return try PrivateHosts.runChanstat(["report", "--db", url, "--format", "json", "--since", "0", "--until", "86400"],
                                                hosts: hosts, environment: ["PGPASSWORD": Self.password, "HOME": "/nonexistent"],
                                                in: cluster.directory)
        }

        /// Serves `certificate` from now on: the files handed to the server's user, the settings reloaded, and a
        /// new session's view of them awaited (a reload is asynchronous).
        func use(_ certificate: (certFile: String, keyFile: String), on cluster: PostgresCluster) throws {
            let owner = try #require(getpwnam("postgres")?.pointee)
            for path in [URL(fileURLWithPath: certificate.certFile).deletingLastPathComponent().path,
                         certificate.certFile, certificate.keyFile] {
                #expect(chown(path, owner.pw_uid, owner.pw_gid) == 0)
            }
            try cluster.psql("ALTER SYSTEM SET ssl_cert_file = '\(certificate.certFile)'")
            try cluster.psql("ALTER SYSTEM SET ssl_key_file = '\(certificate.keyFile)'")
            try cluster.psql("SELECT pg_reload_conf()")
            for _ in 0..<50 where try cluster.psql("SHOW ssl_cert_file") != certificate.certFile {
                Thread.sleep(forTimeInterval: 0.1)
            }
            #expect(try cluster.psql("SHOW ssl_cert_file") == certificate.certFile)
        }
    }
}
