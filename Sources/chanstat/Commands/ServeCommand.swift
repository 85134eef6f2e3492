import ArgumentParser
import ChanstatConfig
import ChanstatCore
import ChanstatPostgres
import ChanstatServer
import ChanstatSQLite
import Foundation
import Logging

/// `chanstat serve`: the report as Chatwoot's HTTP API over a SQLite file or Chatwoot's PostgreSQL
/// database (docs/http.md).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the channel summary report over HTTP, at Chatwoot's API path.",
        discussion: """
            GET /api/v2/accounts/ID/summary_reports/channel?since=S&until=U answers Chatwoot's channel \
            summary to a token (api_access_token header) of an administrator of that account, from the \
            database's access_tokens: a Chatwoot-shaped SQLite file, or Chatwoot's own PostgreSQL database \
            (postgres://…), which gives a Chatwoot older than 4.10 the endpoint.

            GET /metrics answers Prometheus' text format (the created-in-range and queue families, the \
            source's health) to the same tokens, also as Authorization: Bearer; see docs/monitoring.md.

            GET /health answers {"status":"ok"} while the database can be read, else 503 \
            {"status":"unavailable"}. HEAD is answered like GET.

            Tokens travel in clear text: listening beyond loopback prints a warning; put a TLS proxy \
            (nginx) in front. Connections are capped in all and per client address; see docs/http.md.

            The listening address is printed on stdout, one line per request goes to stderr. \
            SIGTERM or Ctrl-C stops it after the requests in flight. See docs/http.md.
            """)

    @Option(help: ArgumentHelp("A Chatwoot-shaped SQLite file (opened read-only), or Chatwoot's PostgreSQL database "
                               + "as a postgres:// URL (see docs/postgres.md).", valueName: "file-or-url"))
    var db: String

    @Option(help: ArgumentHelp("With a postgres:// --db: how long an answer is reused for the same account and "
                               + "range (0: never). An access grant is reused for at most 5 seconds, a refusal never. "
                               + "With either database: how long /metrics reuses an account's numbers.",
                               valueName: "seconds"))
    var cacheSeconds: Double = Double(PostgresReportStore.defaultCacheLifetime.components.seconds)

    @Option(help: ArgumentHelp("With a postgres:// --db: how long the database may take over one report.",
                               valueName: "seconds"))
    var statementTimeout = StatementTimeoutLimits.defaultSeconds

    @Option(help: ArgumentHelp("The ranges of chatwoot_conversations_created on /metrics: presets separated by "
                               + "commas, in serve's time zone (--timezone, else $TZ).", valueName: "presets"))
    var metricsRanges = MetricsRanges.standard.map(\.rawValue).joined(separator: ",")

    @Option(help: ArgumentHelp("The time zone of /metrics' presets: an IANA name such as Europe/Berlin. "
                               + "Default: $TZ, else the machine's. (The API's ranges are instants, in no zone.)",
                               valueName: "zone"))
    var timezone: String?

    @Option(help: "The address to listen on; anything but loopback exposes the reports to the network.")
    var host = ReportServer.defaultHost

    @Option(help: "The port; 0 picks a free one (printed on stdout).")
    var port = ReportServer.defaultPort

    @Option(help: ArgumentHelp("Close a connection that sends nothing (or half a request) for this long.",
                               valueName: "seconds"))
    var idleTimeout = Int(ReportServer.defaultIdleTimeout.components.seconds)

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (1...3_600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be between 1 and 3600 seconds") }
        guard (0...3_600).contains(cacheSeconds) else { throw ValidationError("--cache-seconds must be between 0 and 3600") }
        do { _ = try MetricsRanges.parse(metricsRanges) } catch { throw ValidationError(error.description) }
        if let timezone, LocalCalendar(zoneNamed: timezone) == nil {
            throw ValidationError(LocalCalendar.unknownZoneMessage(timezone))
        }
        guard StatementTimeoutLimits.validated(statementTimeout) != nil else {
            throw ValidationError("--statement-timeout must be \(StatementTimeoutLimits.described) seconds")
        }
    }

    func run() async throws {
        let store = try await openStore()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "chanstat.serve")
        let host = self.host
        if !HostAddress(host).isLoopback {
            try? FileHandle.standardError.write(contentsOf: Data((ReportServer.exposureWarning(host: host) + "\n").utf8))
        }
        // Grants are kept as long as answers over PostgreSQL (never longer than 5 s); a file is read each time.
        let limits = ServeLimits(grantLifetime: store is PostgresReportStore ? cacheLifetime : .zero)
        do {
            try await ReportServer.run(store: store, host: host, port: port, idleTimeout: .seconds(idleTimeout),
                                       limits: limits, metrics: metricsSettings, logger: logger) { bound in
                // Scripts and tests read this line to learn the port chosen for --port 0.
                let shownHost = host.contains(":") ? "[\(host)]" : host
                // try?: the line tells a person or a script the port; serving goes on without it if stdout is gone.
                try? StandardOutput.write("chanstat serve: listening on http://\(shownHost):\(bound)\n")
            }
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    private var cacheLifetime: Duration { .milliseconds(Int64(cacheSeconds * 1000)) }

    /// Presets in `--timezone`, else the process's zone (`TZ`), as every other range of chanstat.
    private var metricsSettings: MetricsSettings {
        MetricsSettings(ranges: (try? MetricsRanges.parse(metricsRanges)) ?? MetricsRanges.standard,
                        calendar: timezone.flatMap { LocalCalendar(zoneNamed: $0) } ?? LocalCalendar(),
                        lifetime: cacheLifetime)
    }

    /// The SQLite file, or the PostgreSQL database (one connection, kept open: `serve` is busy by design).
    private func openStore() async throws -> any ReportStore {
        switch DatabaseLocation(db) {
        case .sqliteFile(let path):
            return try ReportDatabase(path: path)
        case .postgres(let url):
            // Two sessions: reports on one, access and health checks on the other, so neither waits for the other.
            let session = try SourceOptions.postgresSession(url: url, statementTimeout: statementTimeout, idleClose: nil)
            let checks = PostgresSession(target: await session.target, statementTimeout: .milliseconds(Int64(statementTimeout * 1000)),
                                         idleClose: PostgresSession.defaultIdleClose)
            return try await PostgresReportStore.open(session: session, checks: checks, cacheLifetime: cacheLifetime)
        }
    }
}
