import ChanstatTestSupport
import Foundation
import Testing

/// The status colours as the real binary draws them (tmux, `--color always`), rendered to a picture the way
/// scripts/screenshot does, and measured by scripts/colour-check under simulated deuteranopia and protanopia:
/// every pair of statuses must stay apart.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && PythonWithNumpy.isAvailable, "needs tmux and python3 with numpy"))
struct ColourBlindPaletteTests {
    @Test func theStatusesStayApartForRedGreenColourBlindEyes() throws {
        let demo = PackageRoot.file("sample-data/demo.sqlite").path
        let session = try DashboardHarness.start(
            ["dashboard", "--db", demo, "--account", "1", "--since", "2026-10-22", "--until", "2026-11-20", "--utc",
             "--color", "always", "--refresh", "3600"], width: 100, height: 28)
        defer { session.close() }
        try session.waitFor(text: "updated", timeout: DashboardHarness.timeout)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-colour-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = directory.appendingPathComponent("capture.txt"), svg = directory.appendingPathComponent("dashboard.svg")
        try session.screenWithEscapes().write(to: capture, atomically: true, encoding: .utf8)
        let render = try Shell.run("sh", ["-c", "python3 \"$0\" --columns 100 --rows 28 < \"$1\" > \"$2\"",
                                          PackageRoot.file("scripts/lib/ansi_to_svg.py").path, capture.path, svg.path])
        #expect(render.status == 0, "\(render.stderr)")
        let check = try Shell.run(PackageRoot.file("scripts/colour-check").path, ["--svg", svg.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}

/// scripts/colour-check's one dependency.
enum PythonWithNumpy {
    static let isAvailable = (try? Shell.run("python3", ["-c", "import numpy"]).status) == 0
}
