import Foundation

/// The environment every child process of the tests starts from, whatever the machine's: PATH (so tools are
/// found), LANG=C.UTF-8 and TZ=UTC (so dates and widths do not depend on the machine), TMPDIR, and HOME and the
/// XDG folders in an empty scratch directory of this test process. Nothing else gets through: not a developer's
/// ~/.config/chanstat/config.toml, proxies (`https_proxy`, `NO_PROXY`), `PG*`, `CHATWOOT_API_TOKEN`,
/// `SSL_CERT_FILE`, `NO_COLOR`, `TERM`. A test that needs a variable passes it as an addition.
public enum TestEnvironment {
    /// The variables taken from the test process's own environment (when it has them).
    public static let inherited = ["PATH"]

    /// Where the children's HOME is: empty but for the XDG folders, shared by this test process's children,
    /// removed when it exits.
    public static let home: URL = {
        let home = FileManager.default.temporaryDirectory
            .appendingPathComponent("chanstat-home-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        for folder in xdgFolders.values {
            try? FileManager.default.createDirectory(at: home.appendingPathComponent(folder),
                                                     withIntermediateDirectories: true)
        }
        atexit { try? FileManager.default.removeItem(at: TestEnvironment.home) }
        return home
    }()

    /// The XDG base directories, each a folder of `home` (the spec's defaults, set explicitly so that a parent's
    /// XDG_CONFIG_HOME cannot point elsewhere).
    private static let xdgFolders = [
        "XDG_CONFIG_HOME": ".config", "XDG_DATA_HOME": ".local/share", "XDG_STATE_HOME": ".local/state",
        "XDG_CACHE_HOME": ".cache",
    ]

    /// The environment for a child: the minimal one, then `additions` (which win). `parent` is the environment
    /// PATH is taken from: the test process's own, unless a test of this isolation passes a hostile one.
    public static func minimal(adding additions: [String: String] = [:],
                               parent: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var environment = [
            "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG": "C.UTF-8",
            "TZ": "UTC",
            "TMPDIR": FileManager.default.temporaryDirectory.path,
            "HOME": home.path,
        ]
        for name in inherited { if let value = parent[name], !value.isEmpty { environment[name] = value } }
        for (name, folder) in xdgFolders { environment[name] = home.appendingPathComponent(folder).path }
        return environment.merging(additions) { $1 }
    }

    /// `minimal` as the `NAME=value` strings of a C environment (for posix_spawn), sorted.
    public static func cStrings(adding additions: [String: String] = [:]) -> [String] {
        minimal(adding: additions).map { "\($0.key)=\($0.value)" }.sorted()
    }
}
