import ChanstatTestSupport
import Foundation
import Testing

/// The .deb that scripts/release writes, built by the same script (scripts/lib/build-deb) from the statically
/// relinked debug binary, installed with `dpkg -i` into a scratch root whose package database is a copy of this
/// machine's (so `Depends` must be satisfied by what a Debian system has, without touching the real one), then
/// run from there and removed again. Part of StaticBinaryTests' suite, whose one relinked binary it shares.
extension StaticBinaryTests {
    static let packagedFiles = [
        "usr/bin/chanstat", "usr/share/man/man1/chanstat.1.gz", "usr/share/bash-completion/completions/chanstat",
        "usr/share/zsh/vendor-completions/_chanstat", "usr/share/fish/vendor_completions.d/chanstat.fish",
        "usr/share/doc/chanstat/copyright",
    ]

    @Test(.enabled(if: Shell.exists("dpkg-shlibdeps"), "dpkg-dev is not installed"))
    func theDebianPackageInstallsRunsAndRemovesCleanly() throws {
        try StaticRelink.withBinary { binary in
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-deb-\(UUID())")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            // Uncompressed: xz over the 200 MB debug binary takes minutes and starves the tests beside this one.
            let environment = ["DEB_COMPRESSION": "none"]
            let built = try Shell.run(PackageRoot.file("scripts/lib/build-deb").path,
                                      [binary, scratch.appendingPathComponent("out").path], environment: environment)
            #expect(built.status == 0, "\(built.stderr)")
            let deb = built.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(deb.hasSuffix("_amd64.deb") || deb.hasSuffix(".deb"))

            // Depends: computed from what the binary links, each with the version it needs.
            let depends = try Shell.run("dpkg-deb", ["--field", deb, "Depends"]).stdout
            for package in ["libc6 (>=", "libncursesw6 (>=", "libsqlite3-0 (>=", "libstdc++6 (>="] {
                #expect(depends.contains(package), "Depends: \(depends)")
            }
            #expect(!depends.contains("swift"), "Depends: \(depends)")

            let root = scratch.appendingPathComponent("root")
            let admin = root.appendingPathComponent("var/lib/dpkg")
            for folder in ["info", "updates", "triggers"] {
                try FileManager.default.createDirectory(at: admin.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            try FileManager.default.copyItem(atPath: "/var/lib/dpkg/status", toPath: admin.appendingPathComponent("status").path)
            let dpkg = ["--root=\(root.path)", "--admindir=\(admin.path)", "--log=/dev/null"]

            let install = try Shell.run("dpkg", dpkg + ["-i", deb])
            #expect(install.status == 0, "dpkg -i: \(install.stdout)\(install.stderr)")
            for file in Self.packagedFiles {
                #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path), "\(file) is not installed")
            }
            let listed = try Shell.run("dpkg", dpkg + ["-L", "chanstat"]).stdout
            #expect(listed.contains("/usr/bin/chanstat"))
            let version = try ChildProcess.run(root.appendingPathComponent("usr/bin/chanstat"), ["--version"])
            #expect(version.status == 0)
            #expect(version.stdout.hasPrefix("chanstat "), "\(version.stdout)")

            let purge = try Shell.run("dpkg", dpkg + ["--purge", "chanstat"])
            #expect(purge.status == 0, "dpkg --purge: \(purge.stderr)")
            let left = try Shell.run("find", [root.appendingPathComponent("usr").path, "-type", "f"]).stdout
            #expect(left.isEmpty, "left behind after removal:\n\(left)")
        }
    }
}
