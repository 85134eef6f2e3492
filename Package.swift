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
    ],
    targets: [
        // The rules: ranges, presets, statuses, labels, safe text, the report value and its JSON.
        .target(name: "ChanstatCore"),
        // The report over a Chatwoot-shaped SQLite file, and the sample-data writer.
        .target(name: "ChanstatSQLite", dependencies: [
            "ChanstatCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The report from a Chatwoot server's HTTP API.
        .target(name: "ChanstatHTTP", dependencies: [
            "ChanstatCore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // `chanstat serve`: the report as an HTTP API over a SQLite file.
        .target(name: "ChanstatServer", dependencies: [
            "ChanstatCore", "ChanstatSQLite",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
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
        // The command line.
        .executableTarget(name: "chanstat", dependencies: [
            "ChanstatCore", "ChanstatSQLite", "ChanstatHTTP", "ChanstatServer", "ChanstatTerminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Benchmarks: programs that print figures (never run by the tests).
        .executableTarget(name: "chanstat-bench", path: "Benchmarks/chanstat-bench"),

        .testTarget(name: "ChanstatCoreTests", dependencies: ["ChanstatCore"]),
        .testTarget(name: "ChanstatSQLiteTests", dependencies: ["ChanstatCore", "ChanstatSQLite",
            .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ChanstatDashboardTests", dependencies: ["ChanstatCore", "ChanstatDashboard"]),
        .testTarget(name: "ChanstatHTTPTests", dependencies: ["ChanstatCore", "ChanstatHTTP", "ChanstatServer", "ChanstatSQLite"]),
        // Runs the built `chanstat` binary: report/sample end to end, and the dashboard in tmux.
        .testTarget(name: "ChanstatEndToEndTests", dependencies: ["ChanstatCore"]),
    ]
)
