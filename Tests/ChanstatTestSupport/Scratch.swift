import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private temporary directory, removed (permissions restored first) when the value goes away.
public final class Scratch {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Every name in the directory, sorted: to prove nothing (a journal, a WAL) appeared.
    public func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    deinit {
        chmod(url.path, 0o755)
        if let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) {
            for name in names { chmod(path(name), 0o644) }
        }
        try? FileManager.default.removeItem(at: url)
    }
}
