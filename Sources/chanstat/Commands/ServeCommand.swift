import ArgumentParser
import ChanstatServer
import ChanstatSQLite
import Foundation
import Logging

/// `chanstat serve`: the report as Chatwoot's HTTP API over a SQLite file (SPEC section 4).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the channel summary report over HTTP, at Chatwoot's API path.",
        discussion: """
            GET /api/v2/accounts/ID/summary_reports/channel?since=S&until=U answers Chatwoot's channel \
            summary to a token (api_access_token header) of an administrator of that account, from the \
            file's access_tokens.

            GET /health answers {"status":"ok",...} while the file can be read.

            The listening address is printed on stdout, one line per request goes to stderr. \
            SIGTERM or Ctrl-C stops it after the requests in flight. See docs/http.md.
            """)

    @Option(help: ArgumentHelp("The Chatwoot-shaped SQLite file (opened read-only).", valueName: "file"))
    var db: String

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
    }

    func run() async throws {
        let database = try ReportDatabase(path: db)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "chanstat.serve")
        let host = self.host
        try await ReportServer.run(database: database, host: host, port: port, idleTimeout: .seconds(idleTimeout),
                                   logger: logger) { bound in
            // Scripts and tests read this line to learn the port chosen for --port 0.
            let shownHost = host.contains(":") ? "[\(host)]" : host
            // try?: the line tells a person or a script the port; serving goes on without it if stdout is gone.
            try? StandardOutput.write("chanstat serve: listening on http://\(shownHost):\(bound)\n")
        }
    }
}
