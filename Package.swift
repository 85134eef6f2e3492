// swift-tools-version:6.0
import PackageDescription

// One target per part of chanstat; see README "Architecture".
let package = Package(
    name: "chanstat",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chanstat", targets: ["chanstat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Already in the graph through the two above; named so the HTTP source can tell a refused,
        // reset or timed-out connection apart by NIO's error types rather than by their text.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        // The config file's TOML (profiles); its parse errors carry the line and column.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Chatwoot's own PostgreSQL database: one connection, no pool (see ChanstatPostgres).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Already in the graph through postgres-nio: serve keys its cache of access grants by a token's SHA-256.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // Prometheus' text exposition format (HELP, TYPE, label escaping) for /metrics and report --format prometheus.
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // The rules: ranges, presets, statuses, labels, safe text, the report value and its JSON.
        .target(name: "ChanstatCore"),
        // The report over a Chatwoot-shaped SQLite file, and the sample-data writer.
        .target(name: "ChanstatSQLite", dependencies: [
            "ChanstatCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            // The raw C API, for the sample writer's bulk insert loop only.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // TLS's shared rule for both network sources: the names a NIOSSL certificate gives (SPEC 14).
        .target(name: "ChanstatTLS", dependencies: [
            "ChanstatCore",
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // The report from a Chatwoot server's HTTP API.
        .target(name: "ChanstatHTTP", dependencies: [
            "ChanstatCore",
            "ChanstatTLS",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            // The trust roots (--ca-file, $SSL_CERT_FILE), and telling an untrusted certificate by its error.
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The report from Chatwoot's own PostgreSQL database (primary or read replica), libpq's connection
        // conventions, and the sample writer for PostgreSQL.
        .target(name: "ChanstatPostgres", dependencies: [
            "ChanstatCore",
            "ChanstatTLS",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            // verify-full's own TLS handshake (NameCheckedTLS) waits for NIOTLS's handshake-completed event.
            .product(name: "NIOTLS", package: "swift-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // `chanstat serve`: the report as an HTTP API over any ReportStore (SQLite file, PostgreSQL database).
        .target(name: "ChanstatServer", dependencies: [
            "ChanstatCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            // HTTP/1.0 and `Connection: close`: the request's version is only seen before Hummingbird's codec.
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        // The dashboard's pure core: state, messages, update, view into a cell grid.
        .target(name: "ChanstatDashboard", dependencies: ["ChanstatCore"]),
        // The ncurses C shim: every ncurses global and function-like macro, plus signal handling.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "CTerminalShim", dependencies: ["CNcursesw"], linkerSettings: [.linkedLibrary("ncursesw")]),
        // The terminal edge: the one owner of curses, the event loop, effects.
        .target(name: "ChanstatTerminal", dependencies: [
            "ChanstatCore", "ChanstatDashboard", "CTerminalShim",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The config file's profiles, and the one place where flags > environment > profile > defaults is decided.
        .target(name: "ChanstatConfig", dependencies: [
            "ChanstatCore",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // The command line.
        .executableTarget(name: "chanstat", dependencies: [
            "ChanstatCore", "ChanstatSQLite", "ChanstatPostgres", "ChanstatHTTP", "ChanstatServer", "ChanstatDashboard",
            "ChanstatTerminal", "ChanstatConfig",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], plugins: ["BuildCommitPlugin"]),
        // Writes the git commit into the binary, for `--version`.
        .plugin(name: "BuildCommitPlugin", capability: .buildTool()),
        // Benchmarks: programs that print figures (never run by the tests).
        // The PostgreSQL figures start a throwaway server with the tests' PostgresCluster.
        .executableTarget(name: "chanstat-bench", dependencies: ["ChanstatCore", "ChanstatTestSupport"], path: "Benchmarks/chanstat-bench"),
        // `chanstat serve` under load, side by side with Datasette over the same file (needs wrk, datasette).
        .executableTarget(name: "serve-load", path: "Benchmarks/serve-load"),

        .testTarget(name: "ChanstatCoreTests", dependencies: ["ChanstatCore"]),
        .testTarget(name: "ChanstatSQLiteTests", dependencies: ["ChanstatCore", "ChanstatSQLite", "ChanstatTestSupport",
            .product(name: "GRDB", package: "GRDB.swift")]),
        // Shared by the test targets that run programs: the one process runner, `serve` as a child, a
        // reserved port. A plain target (not a test target) so that several test targets can import it.
        .target(name: "ChanstatTestSupport", dependencies: ["ChanstatCore"], path: "Tests/ChanstatTestSupport"),
        // The PostgreSQL source against a real, throwaway cluster the tests start (see PostgresCluster).
        .testTarget(name: "ChanstatPostgresTests", dependencies: ["ChanstatCore", "ChanstatPostgres", "ChanstatTestSupport",
            .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "ChanstatConfigTests", dependencies: ["ChanstatConfig", "ChanstatCore"]),
        .testTarget(name: "ChanstatDashboardTests", dependencies: ["ChanstatCore", "ChanstatDashboard"]),
        // The terminal edge's effects without a terminal: the loads it runs and cancels.
        .testTarget(name: "ChanstatTerminalTests", dependencies: ["ChanstatCore", "ChanstatDashboard", "ChanstatTerminal",
            .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "ChanstatHTTPTests", dependencies: ["ChanstatCore", "ChanstatHTTP", "ChanstatServer", "ChanstatSQLite",
            "ChanstatTestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "GRDB", package: "GRDB.swift")]),
        // Runs the built `chanstat` binary: report/sample end to end, and the dashboard in tmux.
        .testTarget(name: "ChanstatEndToEndTests", dependencies: ["ChanstatCore", "ChanstatSQLite", "ChanstatTestSupport",
            // Fixture files are written with GRDB, so their rows are the test's own.
            .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
