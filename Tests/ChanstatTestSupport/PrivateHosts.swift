import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the `chanstat` binary with its own /etc/hosts (a private mount namespace, as root), so that a test can
/// give a name the address it needs: `localhost` on ::1, `db.example.test` on 127.0.0.1. Nothing outside that
/// one process sees the file.
public enum PrivateHosts {
    static let unshare = "/usr/bin/unshare"

    /// Root, and `unshare` present (CI runs as root; scripts/setup installs util-linux).
    public static var isAvailable: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: unshare) }

    /// `chanstat arguments…` with /etc/hosts holding `hosts` ("::1 localhost") and nothing else.
    public static func runChanstat(_ arguments: [String], hosts: [String], environment extra: [String: String] = [:],
                                   in directory: URL) throws -> ProcessResult {
        guard ChanstatBinary.isBuilt else { throw ChanstatBinary.MissingBinary(path: ChanstatBinary.path) }
        let file = directory.appendingPathComponent("hosts-\(UUID().uuidString.prefix(8))")
        try Data((hosts.joined(separator: "\n") + "\n").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = #"mount --bind "$0" /etc/hosts && exec "$@""#
        return try ChildProcess.run(URL(fileURLWithPath: unshare),
                                    ["--mount", "sh", "-c", script, file.path, ChanstatBinary.path] + arguments,
                                    environment: ChanstatBinary.environment(extra))
    }
}
