import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real, throwaway PostgreSQL server for one test: its own temporary folder (data, socket, log, certificates),
/// its own loopback port, and settings chosen for speed and for catching assumptions (the server's TimeZone is
/// not UTC by default). `destroy()` (or deinit) stops it and removes every file.
public final class PostgresCluster: @unchecked Sendable {
    public struct Options: Sendable {
        /// The server's `timezone`. Not UTC by default: the product must not depend on the server's time zone.
        public var timeZone = "America/New_York"
        /// `ssl = on`, with a certificate for localhost and 127.0.0.1 signed by `certificates`' CA.
        public var tls = false
        /// The host name the server's certificate is for (with `tls`). Another name than "localhost" lets a test
        /// connect to localhost and see verify-full refuse a certificate for someone else.
        public var certificateHost = "localhost"
        /// pg_hba.conf lines in place of `PostgresCluster.defaultHBA`.
        public var hba: [String]? = nil
        public var maxConnections = 50
        /// More postgresql.conf settings, written last (so they win); values are quoted for you.
        public var extraSettings: [String: String] = [:]
        public init() {}
    }

    /// Local connections trusted (the tests' superuser psql, pg_basebackup); TCP logins need a password.
    public static let defaultHBA = [
        "local   all         all                     trust",
        "local   replication all                     trust",
        "host    all         all   127.0.0.1/32      scram-sha-256",
        "host    replication all   127.0.0.1/32      trust",
    ]

    /// Whether a server can be started here, so that tests can be skipped with a reason rather than fail.
    public static var isAvailable: Bool { Server.binDirectory != nil && (getuid() != 0 || Server.owner != nil) }

    public let port: Int
    public let socketDirectory: String
    /// The temporary root folder: everything of this cluster is inside it.
    public let directory: URL
    /// The test CA and the server's certificate, when started with `tls`.
    public let certificates: TestCertificates?

    private let layout: Layout
    private let options: Options
    private let lock = NSLock()
    private var destroyed = false

    private init(layout: Layout, port: Int, options: Options, certificates: TestCertificates?) {
        self.layout = layout
        self.port = port
        self.options = options
        self.certificates = certificates
        directory = layout.root
        socketDirectory = layout.sockets.path
    }

    deinit { destroy() }

    // MARK: Starting

    public static func start(_ options: Options = .init()) throws -> PostgresCluster {
        let layout = try Layout()
        do {
            let certificates = options.tls ? try TestCertificates(directory: layout.certs) : nil
            let serverCertificate = try certificates?.serverCertificate(
                forHost: options.certificateHost, ipAddress: options.certificateHost == "localhost" ? "127.0.0.1" : nil)
            try Server.own(layout.root)
            try Server.run("initdb", ["-D", layout.data.path, "-U", "postgres", "--auth-local=trust",
                                      "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                           in: layout.root)
            try layout.write(hba: options.hba ?? defaultHBA)
            // Our settings live in a file of their own, so a standby copied from this data folder can replace
            // them (port, socket folder) without editing postgresql.conf.
            let mainConf = layout.data.appendingPathComponent("postgresql.conf")
            let text = try String(contentsOf: mainConf, encoding: .utf8) + "\ninclude '\(Layout.settingsFile)'\n"
            try layout.write(text, to: mainConf)
            return try launch(layout, options, certificates: certificates, serverCertificate: serverCertificate)
        } catch {
            layout.tearDown()
            throw error
        }
    }

    /// A hot standby of this cluster: pg_basebackup -R (so it streams from here) into a folder of its own,
    /// on a port of its own. Needs this cluster's hba to trust local replication (the default does).
    public func startStandby() throws -> PostgresCluster {
        let standby = try Layout()
        do {
            // Its own copy of the server certificate (same CA), so it never reads files in this cluster's folder.
            let serverCertificate = try certificates?.serverCertificate(
                forHost: options.certificateHost, ipAddress: options.certificateHost == "localhost" ? "127.0.0.1" : nil,
                in: standby.certs)
            try Server.own(standby.root)
            try Server.run("pg_basebackup", ["-D", standby.data.path, "-R", "-X", "stream", "--checkpoint=fast",
                                             "-h", socketDirectory, "-p", String(port), "-U", "postgres"],
                           in: standby.root)
            return try Self.launch(standby, options, certificates: certificates, serverCertificate: serverCertificate)
        } catch {
            standby.tearDown()
            throw error
        }
    }

    /// Writes the settings for a free port and starts; a port taken by someone else between finding it free and
    /// the server's bind is tried again with another.
    private static func launch(_ layout: Layout, _ options: Options, certificates: TestCertificates?,
                               serverCertificate: (certFile: String, keyFile: String)?) throws -> PostgresCluster {
        var attempt = 1
        while true {
            let port = try ReservedPort().port  // bound to port 0 and closed at once: only to learn a free port
            try layout.write(settings(options, port: port, sockets: layout.sockets.path, tls: serverCertificate),
                             to: layout.data.appendingPathComponent(Layout.settingsFile))
            let logBefore = layout.log.count
            do {
                try layout.pgCtlStart()
                return PostgresCluster(layout: layout, port: port, options: options, certificates: certificates)
            } catch where attempt < 5 && layout.log.dropFirst(logBefore).contains("Address already in use") {
                attempt += 1
            }
        }
    }

    private static func settings(_ options: Options, port: Int, sockets: String,
                                 tls: (certFile: String, keyFile: String)?) -> String {
        var pairs: [(String, String)] = [
            ("port", String(port)),
            ("listen_addresses", "127.0.0.1"),
            ("unix_socket_directories", sockets),
            ("timezone", options.timeZone),
            ("log_timezone", options.timeZone),
            // A throwaway server: durability only costs time.
            ("fsync", "off"), ("synchronous_commit", "off"), ("full_page_writes", "off"),
            ("max_connections", String(options.maxConnections)),
            ("shared_buffers", "16MB"),
            // So that any cluster can have a standby.
            ("wal_level", "replica"), ("max_wal_senders", "5"), ("hot_standby", "on"),
            // pg_ctl -l writes the server's stderr to the log file; no collector process to outlive it.
            ("logging_collector", "off"),
        ]
        if let tls { pairs += [("ssl", "on"), ("ssl_cert_file", tls.certFile), ("ssl_key_file", tls.keyFile)] }
        pairs += options.extraSettings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        // Every value quoted: PostgreSQL accepts a quoted string for settings of any type.
        return pairs.map { "\($0.0) = \(sqlLiteral($0.1))\n" }.joined()
    }

    // MARK: Using

    /// Runs `sql` (any number of statements) as `user` over the unix socket; stdout, trimmed, unaligned, one
    /// row a line with `|` between columns. Throws with psql's stderr when a statement fails. psql runs as the
    /// server's OS user, so the superuser gets in under `peer` rules as well as `trust`.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres", user: String = "postgres") throws -> String {
        let result = try Self.psql(["-h", socketDirectory, "-p", String(port), "-U", user, "-d", database], sql,
                                   osUser: "postgres")
        guard result.status == 0 else {
            throw PostgresClusterError(message: "psql as \(user) on \(database) failed: \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A libpq connection string for TCP; `host: "localhost"` for verify-full against the test certificate.
    public func connectionString(host: String = "127.0.0.1", user: String = "postgres",
                                 database: String = "postgres") -> String {
        "host=\(host) port=\(port) user=\(user) dbname=\(database)"
    }

    /// psql with a libpq connection string; the outcome is returned, not thrown, for tests of refused logins.
    public static func runPSQL(connection: String, _ sql: String, password: String? = nil) throws -> ProcessResult {
        try psql(["-d", connection], sql, password: password, osUser: nil)
    }

    public func createDatabase(_ name: String) throws {
        try psql("CREATE DATABASE \(Self.sqlIdentifier(name))")
    }

    /// A LOGIN role; with a password it can log in over TCP (scram-sha-256, the server's default encryption).
    public func createRole(_ name: String, password: String?, superuser: Bool = false) throws {
        let passwordClause = password.map { " PASSWORD \(Self.sqlLiteral($0))" } ?? ""
        try psql("CREATE ROLE \(Self.sqlIdentifier(name)) LOGIN\(superuser ? " SUPERUSER" : "")\(passwordClause)")
    }

    /// Replaces pg_hba.conf and makes the server use it. Throws when a line is invalid (the server would keep
    /// the old rules, and the test would test those).
    public func reloadHBA(_ lines: [String]) throws {
        try layout.write(hba: lines)
        let errors = try psql("SELECT line_number || ': ' || error FROM pg_hba_file_rules WHERE error IS NOT NULL")
        guard errors.isEmpty else { throw PostgresClusterError(message: "pg_hba.conf rejected: \(errors)") }
        let marker = "received SIGHUP, reloading configuration files"
        let reloadsBefore = layout.log.components(separatedBy: marker).count
        try psql("SELECT pg_reload_conf()")
        // The postmaster logs this line and then reloads, before it accepts another connection: once it is
        // there, the next login meets the new rules.
        try poll("the server to reload pg_hba.conf") { layout.log.components(separatedBy: marker).count > reloadsBefore }
    }

    /// Waits until `standby` has replayed everything this cluster has written so far.
    public func waitForReplay(on standby: PostgresCluster) throws {
        // The insert position, not pg_current_wal_lsn(): with synchronous_commit off, a commit may not be
        // written yet, and the standby gets it only once the WAL writer has.
        let inserted = try Self.lsn(psql("SELECT pg_current_wal_insert_lsn()"))
        // An insert position just after a page header is the same point as the end of the record before it,
        // which is what the standby reports (24-byte header, 40 at the start of a 16 MB segment).
        let target = inserted % (16 << 20) == 40 ? inserted - 40 : inserted % 8192 == 24 ? inserted - 24 : inserted
        try poll("the standby to replay up to \(inserted)") {
            try Self.lsn(standby.psql("SELECT pg_last_wal_replay_lsn()")) >= target
        }
    }

    /// The server's log so far, for the message of a failed test.
    public var logContents: String { layout.log }

    // MARK: Freezing

    /// SIGSTOP to the server and every process of it: its port still accepts connections (the kernel does) and
    /// open connections stay open, but nothing answers, as with a hung server or a network that drops packets.
    /// `thaw()` before `destroy()` (a frozen server cannot be stopped cleanly).
    public func freeze() throws {
        let processes = serverProcesses()
        guard !processes.isEmpty else { throw PostgresClusterError(message: "no server process to freeze") }
        for pid in processes { kill(pid, SIGSTOP) }
    }

    public func thaw() {
        for pid in serverProcesses() { kill(pid, SIGCONT) }
    }

    /// The postmaster (first line of postmaster.pid) and its children (parent field of /proc/PID/stat).
    private func serverProcesses() -> [pid_t] {
        let pidFile = directory.appendingPathComponent("data/postmaster.pid")
        guard let postmaster = (try? String(contentsOf: pidFile, encoding: .utf8))?.split(separator: "\n").first
            .flatMap({ pid_t($0) }) else { return [] }
        let all = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }
        let children = all.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let afterName = stat.range(of: ") ", options: .backwards) else { return false }
            return stat[afterName.upperBound...].split(separator: " ").dropFirst().first.flatMap { pid_t($0) } == postmaster
        }
        return [postmaster] + children
    }

    // MARK: Stopping

    /// A clean stop; the files stay, so `restart()` can start it again.
    public func stop() throws {
        try Server.run("pg_ctl", ["-D", layout.data.path, "-w", "-t", "60", "-m", "fast", "stop"], in: layout.root)
    }

    /// Starts a stopped cluster again, on the same port, with the same data.
    public func start() throws {
        try layout.pgCtlStart()
    }

    /// Stop and start again on the same port, with the same data.
    public func restart() throws {
        try stop()
        try start()
    }

    /// Stops the server at once if it runs, and removes the folder. Safe to call more than once.
    public func destroy() {
        lock.lock()
        defer { lock.unlock() }
        guard !destroyed else { return }
        destroyed = true
        layout.tearDown()
    }

    // MARK: Helpers

    private static func psql(_ target: [String], _ sql: String, password: String? = nil,
                             osUser: String?) throws -> ProcessResult {
        // A file rather than -c: several statements then run one by one, as in a script.
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-sql-\(UUID().uuidString)")
        try Data(sql.utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        var environment = Server.environment
        environment["PGCONNECT_TIMEOUT"] = "20"
        if let password { environment["PGPASSWORD"] = password }
        // -w: never prompt for a password (stdin is /dev/null; a missing one must fail, not hang).
        let arguments = ["-X", "-q", "-At", "-w", "-v", "ON_ERROR_STOP=1"] + target + ["-f", script.path]
        let command = try Server.command("psql", arguments, as: osUser)
        return try ChildProcess.run(URL(fileURLWithPath: command[0]), Array(command.dropFirst()), environment: environment)
    }

    private func poll(_ what: String, _ done: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(20)
        while try !done() {
            guard Date() < deadline else { throw PostgresClusterError(message: "timed out waiting for \(what)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// "16/B374D848" → its 64-bit value.
    private static func lsn(_ text: String) throws -> UInt64 {
        let halves = text.split(separator: "/").compactMap { UInt64($0, radix: 16) }
        guard halves.count == 2 else { throw PostgresClusterError(message: "not an LSN: \(text)") }
        return halves[0] << 32 | halves[1]
    }

    static func sqlLiteral(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
    static func sqlIdentifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

public struct PostgresClusterError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// One cluster's files. Under /tmp rather than the temporary directory: a unix socket path must stay under
/// about 100 bytes, and macOS's temporary directory alone is half of that.
private struct Layout: Sendable {
    static let settingsFile = "chanstat-test.conf"
    let root: URL, data: URL, sockets: URL, certs: URL, logFile: URL

    init() throws {
        root = URL(fileURLWithPath: "/tmp").appendingPathComponent("chanstat-pg-\(UUID().uuidString)")
        data = root.appendingPathComponent("data")
        sockets = root.appendingPathComponent("sockets")
        certs = root.appendingPathComponent("certs")
        logFile = root.appendingPathComponent("server.log")
        // The server refuses a data folder that others can read.
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try FileManager.default.createDirectory(at: sockets, withIntermediateDirectories: true)
    }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    func write(hba lines: [String]) throws {
        try write(lines.joined(separator: "\n") + "\n", to: data.appendingPathComponent("pg_hba.conf"))
    }

    /// A file in the data folder, which the server user must be able to read.
    func write(_ text: String, to file: URL) throws {
        try Data(text.utf8).write(to: file)
        try Server.own(file)
    }

    func pgCtlStart() throws {
        do {
            // -t 60: a loaded 2-core machine can take a while; -w waits for the server to accept connections.
            try Server.runLeavingServer("pg_ctl", ["-D", data.path, "-l", logFile.path, "-w", "-t", "60", "start"],
                                        in: root)
        } catch {
            throw PostgresClusterError(message: "\(error)\nserver log:\n\(log.suffix(3000))")
        }
    }

    /// Stops a server that may run (a failed start can leave one behind too), then removes everything.
    func tearDown() {
        let pidFile = data.appendingPathComponent("postmaster.pid")
        if FileManager.default.fileExists(atPath: pidFile.path),
           (try? Server.run("pg_ctl", ["-D", data.path, "-w", "-t", "60", "-m", "immediate", "stop"], in: root)) == nil,
           let pid = (try? String(contentsOf: pidFile, encoding: .utf8))?.split(separator: "\n").first.flatMap({ Int32($0) }) {
            // Its children end by themselves once the postmaster is gone.
            kill(pid, SIGKILL)
        }
        try? FileManager.default.removeItem(at: root)
    }
}

/// PostgreSQL's own programs. It refuses to run as root, and CI runs as root: then they run as the `postgres`
/// OS user (made by Debian's package), who owns the cluster's folder.
private enum Server {
    /// The newest installed version's programs: Debian keeps them off PATH, in /usr/lib/postgresql/<version>/bin.
    static let binDirectory: String? = {
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .compactMap { Int($0) }.sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return (versions + path).first { folder in
            ["initdb", "pg_ctl", "pg_basebackup", "psql"].allSatisfy {
                FileManager.default.isExecutableFile(atPath: "\(folder)/\($0)")
            }
        }
    }()

    static let owner: (uid: uid_t, gid: gid_t)? = getpwnam("postgres").map { ($0.pointee.pw_uid, $0.pointee.pw_gid) }

    static let runuser = ["/usr/sbin/runuser", "/sbin/runuser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Nothing beyond `TestEnvironment.minimal`: none of the caller's PG* variables (PGDATA, PGPORT, PGHOST…),
    /// which would redirect the tools.
    static let environment: [String: String] = [:]

    /// Gives `url` (and all inside it) to the server user when running as root.
    static func own(_ url: URL) throws {
        guard getuid() == 0 else { return }
        guard let owner else { throw PostgresClusterError(message: "running as root needs a postgres OS user") }
        let inside = FileManager.default.enumerator(atPath: url.path)?.compactMap { $0 as? String } ?? []
        for path in [url.path] + inside.map({ url.appendingPathComponent($0).path }) where chown(path, owner.uid, owner.gid) != 0 {
            throw PostgresClusterError(message: "chown \(path): \(String(cString: strerror(errno)))")
        }
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in directory: URL,
                    wrappedIn wrapper: [String] = []) throws -> ProcessResult {
        let command = try wrapper + self.command(tool, arguments)
        // The cluster's folder as working directory: the server user may not be allowed into the caller's.
        let result = try ChildProcess.run(URL(fileURLWithPath: command[0]), Array(command.dropFirst()),
                                          environment: environment, directory: directory)
        guard result.status == 0 else {
            throw PostgresClusterError(message: "\(tool) failed (status \(result.status)): \(result.stderr)\(result.stdout)")
        }
        return result
    }

    /// Runs a program that leaves the server running behind it (pg_ctl start), without the descriptors the
    /// server would otherwise inherit and hold (`ChildProcess.closingInheritedDescriptors` says why).
    static func runLeavingServer(_ tool: String, _ arguments: [String], in directory: URL) throws {
        try run(tool, arguments, in: directory, wrappedIn: ChildProcess.closingInheritedDescriptors)
    }

    /// The program's full path, and as root the runuser call that runs it as the server user (unless `user` is
    /// nil: then it runs as the caller, as a client such as chanstat would).
    static func command(_ tool: String, _ arguments: [String], as user: String? = "postgres") throws -> [String] {
        guard let binDirectory else { throw PostgresClusterError(message: "PostgreSQL is not installed") }
        let command = ["\(binDirectory)/\(tool)"] + arguments
        guard getuid() == 0, let user else { return command }
        guard let runuser else { throw PostgresClusterError(message: "running as root needs runuser") }
        return [runuser, "-u", user, "--"] + command
    }
}
