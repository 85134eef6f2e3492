import ChanstatTestSupport
import Foundation
import Testing

/// The release binary (scripts/release: `swift build -c release --static-swift-stdlib`) must run on a server
/// without Swift. A release build takes 10-20 minutes, so this relinks the debug build's objects with the
/// same `-static-stdlib` flag instead (seconds; see `StaticRelink`): the linkage is what is checked, and it
/// does not depend on the optimisation level. `ldd` must list only libraries every Debian/Ubuntu server has,
/// and the binary must answer with /opt/swift hidden (an empty tmpfs over it in a private mount namespace).
@Suite(.serialized) struct StaticBinaryTests {
    /// What a stock Debian or Ubuntu server has (libc6, libstdc++6, libgcc-s1, zlib1g, libncursesw6,
    /// libtinfo6, libsqlite3-0), and the dynamic loader and kernel pages.
    static let serverLibraries = ["linux-vdso.so", "ld-linux", "libc.so", "libm.so", "libstdc++.so", "libgcc_s.so",
                                  "libz.so", "libncursesw.so", "libtinfo.so", "libsqlite3.so", "libpthread.so",
                                  "libdl.so", "librt.so", "libutil.so"]
    static let toolchain = "/opt/swift"

    @Test func linksOnlyLibrariesEveryServerHas() throws {
        try StaticRelink.withBinary { binary in
            let ldd = try Shell.run("ldd", [binary])
            #expect(ldd.status == 0, "\(ldd.stderr)")
            let libraries = ldd.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(libraries.contains { $0.contains("libc.so") })
            for line in libraries {
                #expect(!line.contains(Self.toolchain), "links a toolchain library: \(line)")
                #expect(Self.serverLibraries.contains { line.contains($0) }, "not on every server: \(line)")
            }
        }
    }

    @Test(.enabled(if: StaticBinaryTests.canHideToolchain(), "unshare --mount is not allowed here (it needs root): cannot hide /opt/swift"))
    func runsWithTheSwiftToolchainOutOfReach() throws {
        try StaticRelink.withBinary { binary in
            let version = try Self.runWithoutToolchain(binary, ["--version"])
            #expect(version.status == 0, "\(version.stderr)")
            #expect(version.stdout.hasPrefix("chanstat "))
            let fixture = PackageRoot.url.appendingPathComponent("sample-data/demo.sqlite").path
            let arguments = ["report", "--db", fixture, "--account", "1", "--since", "2026-10-01",
                             "--until", "2026-10-31", "--format", "json"]
            let report = try Self.runWithoutToolchain(binary, arguments)
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stderr.isEmpty)
            // The same payload as the ordinary build prints.
            let ordinary = try ChanstatBinary.run(arguments)
            #expect(ordinary.status == 0)
            #expect(report.stdout.hasPrefix("{"))
            #expect(report.stdout == ordinary.stdout)
        }
    }

    static func canHideToolchain() -> Bool {
        (try? Shell.run("unshare", ["--mount", "true"]).status) == 0
    }

    /// Runs `binary` in a new mount namespace with an empty tmpfs over /opt/swift, and checks that it is empty.
    static func runWithoutToolchain(_ binary: String, _ arguments: [String]) throws -> ProcessResult {
        let quoted = ([binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let script = "mount -t tmpfs none \(toolchain) && [ -z \"$(ls -A \(toolchain))\" ] && exec "
            + quoted.joined(separator: " ")
        return try Shell.run("unshare", ["--mount", "--propagation", "private", "sh", "-c", script],
                             environment: ["PATH": "/usr/bin:/bin", "TZ": "UTC", "LANG": "C.UTF-8",
                                           "HOME": FileManager.default.temporaryDirectory.path])
    }
}

/// Relinks the debug build's `chanstat` with `-static-stdlib`, reusing SwiftPM's own link command from
/// .build/debug.yaml so the objects, libraries and flags are exactly those of `swift build`.
enum StaticRelink {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Runs `body` with the path of the relinked binary. It is linked once per test run, by whichever test asks
    /// first (a relink costs about 15 s of CPU and 200 MB of disk; three suites use it), and removed when the test
    /// process exits. A test that needs a folder of its own next to it makes one.
    static func withBinary(_ body: (String) throws -> Void) throws {
        try body(try shared.get())
    }

    private static let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("chanstat-static-\(ProcessInfo.processInfo.processIdentifier)")

    private static let shared: Result<String, Failure> = {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            atexit { try? FileManager.default.removeItem(at: StaticRelink.directory) }
            let binary = directory.appendingPathComponent("chanstat").path
            try link(to: binary)
            return .success(binary)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(description: "static relink failed: \(error)"))
        }
    }()

    static func link(to output: String) throws {
        let manifest = PackageRoot.url.appendingPathComponent(".build/debug.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        // The key names the target triple, e.g. "C.chanstat-x86_64-unknown-linux-gnu-debug.exe" (not chanstat-bench).
        guard let start = text.range(of: #"\"C\.chanstat-[a-z0-9_]+-unknown-linux-gnu-debug\.exe\":"#,
                                     options: .regularExpression),
              let argsLine = text[start.upperBound...].split(separator: "\n").first(where: {
                  $0.trimmingCharacters(in: .whitespaces).hasPrefix("args:") }) else {
            throw Failure(description: "no link command for chanstat in \(manifest.path): run `swift build` first")
        }
        let json = argsLine.drop(while: { $0 != "[" })
        var arguments = try JSONDecoder().decode([String].self, from: Data(json.utf8))
        guard let outputIndex = arguments.firstIndex(of: "-o"), outputIndex + 1 < arguments.count else {
            throw Failure(description: "the link command has no -o")
        }
        arguments[outputIndex + 1] = output
        // The debug objects were compiled against the shared Foundation, whose link entries name only its
        // shared libraries; the static Foundation needs its support libraries named. (A build compiled with
        // --static-swift-stdlib from the start, as scripts/release does, gets them from the static modules.)
        arguments += ["-static-stdlib", "-lFoundation", "-lFoundationEssentials", "-lFoundationInternationalization",
                      "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections"]
        let result = try Shell.run(arguments[0], Array(arguments.dropFirst()))
        guard result.status == 0 else { throw Failure(description: "static relink failed:\n\(result.stderr)") }
    }
}
