import Foundation

/// The package's root folder, found from this file (Tests/ChanstatTestSupport/PackageRoot.swift): where the
/// built binary, the scripts and the committed docs and sample data are.
public enum PackageRoot {
    public static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func file(_ relativePath: String) -> URL { url.appendingPathComponent(relativePath) }
}
