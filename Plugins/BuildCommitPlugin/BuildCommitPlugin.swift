import Foundation
import PackagePlugin

/// Records the git commit a binary is built from, for `chanstat --version`. A prebuild command runs on every
/// build, but it rewrites the generated file only when the commit changes, so it costs no recompilation.
@main
struct BuildCommitPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildCommit.swift")
        // $0: the package folder; $1: the file to write. "unknown" outside a git checkout (a source tarball).
        let script = """
            commit=$(git -C "$0" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
            git -C "$0" diff --quiet HEAD -- 2>/dev/null || commit="$commit-modified"
            line="let buildCommit = \\"$commit\\""
            [ "$(cat "$1" 2>/dev/null)" = "$line" ] || printf '%s\\n' "$line" > "$1"
            """
        return [.prebuildCommand(displayName: "Recording the git commit",
                                 executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: ["-c", script, context.package.directoryURL.path, output.path],
                                 outputFilesDirectory: context.pluginWorkDirectoryURL)]
    }
}
