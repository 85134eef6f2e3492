import ChanstatTestSupport
import Foundation
import Testing

/// The dashboard's colour scales as the real binary draws them (tmux, `--color always`), rendered to a picture the
/// way scripts/screenshot does, and measured by scripts/colour-check under simulated deuteranopia and protanopia:
/// the four statuses of the range view and the five wait ages of the queue (`n`) must each stay apart.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && PythonWithNumpy.isAvailable, "needs tmux and python3 with numpy"))
struct ColourBlindPaletteTests {
    @Test func theStatusesStayApartForRedGreenColourBlindEyes() throws {
        let demo = PackageRoot.file("sample-data/demo.sqlite").path
        let session = try DashboardHarness.start(
            ["dashboard", "--db", demo, "--account", "1", "--since", "2026-10-22", "--until", "2026-11-20", "--utc",
             "--color", "always", "--refresh", "3600"], width: 100, height: 28)
        defer { session.close() }
        try session.waitFor(text: "updated", timeout: DashboardHarness.timeout)
        let check = try Self.colourCheck(session, legend: "statuses")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("open #cd3131, pending #e5e510, snoozed #2472c8"), "\(check.stdout)")
    }

    /// The built-in demo data (its waits are minutes to weeks before now), whose queue legend names every age.
    @Test func theWaitAgesStayApartForRedGreenColourBlindEyes() throws {
        let session = try DashboardHarness.start(["dashboard", "--utc", "--color", "always", "--refresh", "3600"],
                                                 width: 100, height: 28)
        defer { session.close() }
        try session.waitFor(text: "updated", timeout: DashboardHarness.timeout)
        try session.sendKeys("n")
        try session.waitFor(text: "Waiting: ", timeout: DashboardHarness.timeout)
        let check = try Self.colourCheck(session, legend: "waits")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // Read from the screen, not assumed: five different colours, the shortest wait in the default one.
        #expect(check.stdout.contains("<1h #d4d4d4 (the terminal's default foreground), 1-4h #2472c8, 4-24h #11a8cd, "
                                      + "1-7d #e5e510, >7d #cd3131"), "\(check.stdout)")
    }

    /// The screen with its colours, drawn by scripts/lib/ansi_to_svg.py, measured by scripts/colour-check.
    static func colourCheck(_ session: TmuxSession, legend: String) throws -> ProcessResult {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chanstat-colour-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = directory.appendingPathComponent("capture.txt"), svg = directory.appendingPathComponent("dashboard.svg")
        try session.screenWithEscapes().write(to: capture, atomically: true, encoding: .utf8)
        let render = try Shell.run("sh", ["-c", "python3 \"$0\" --columns 100 --rows 28 < \"$1\" > \"$2\"",
                                          PackageRoot.file("scripts/lib/ansi_to_svg.py").path, capture.path, svg.path])
        #expect(render.status == 0, "\(render.stderr)")
        return try Shell.run(PackageRoot.file("scripts/colour-check").path, ["--svg", svg.path, "--legend", legend])
    }
}

/// scripts/colour-check's one dependency.
enum PythonWithNumpy {
    static let isAvailable = (try? Shell.run("python3", ["-c", "import numpy"]).status) == 0
}
