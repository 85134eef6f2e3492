import ChanstatTestSupport
import Foundation
import Testing

/// Sentences of the README that restate a fact kept elsewhere in the repository: each is read and compared with
/// the place that decides it, so that the README cannot drift from it again.
@Suite struct DocsAgreeTests {
    func text(_ path: String) throws -> String {
        try String(contentsOf: PackageRoot.file(path), encoding: .utf8)
    }

    /// "`scripts/setup` installs the Debian packages that are missing (`a`, `b`, …)" names exactly the packages of
    /// the script's `packages=(…)` line.
    @Test func theREADMENamesEveryPackageTheSetupInstalls() throws {
        let readme = try text("README.md")
        let sentence = try #require(readme.range(of: "`scripts/setup` installs the Debian packages that are missing ("))
        let list = readme[sentence.upperBound...].prefix { $0 != ")" }
        let named = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: ["`"]) })
        let setup = try text("scripts/setup")
        let line = try #require(setup.split(separator: "\n").first { $0.hasPrefix("packages=(") })
        let installed = Set(line.dropFirst("packages=(".count).prefix { $0 != ")" }.split(separator: " ").map(String.init))
        #expect(!installed.isEmpty)
        #expect(named == installed, "README names \(named.sorted()), scripts/setup installs \(installed.sorted())")
    }

    /// The README's test command is the one CI runs.
    @Test func theREADMEsTestCommandIsTheOneCIRuns() throws {
        let readme = try text("README.md")
        let command = try #require(readme.split(separator: "\n").first { $0.hasSuffix("# all the tests") })
        let words = command.replacingOccurrences(of: "# all the tests", with: "").trimmingCharacters(in: .whitespaces)
        #expect(try text(".ci/run").split(separator: "\n").contains { $0 == words }, "\(words)")
    }

    /// Every `$ chanstat report` example over the shipped demo file (README "Report, for scripts and cron") names
    /// its dates, inside the file's data (it ends 2026-11-20), so that it does not print only a header once that
    /// is in the past; and prints what the README shows, line by line (a line with "…" is cut there, and a
    /// space before it is the README's; a lone "…" leaves out the rest).
    @Test func theREADMEsReportExamplesOnTheDemoFilePrintWhatTheyShow() throws {
        let lines = try text("README.md").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let examples = lines.indices.filter { lines[$0].hasPrefix("$ chanstat report ") && lines[$0].contains("sample-data/demo.sqlite") }
        #expect(examples.count >= 5)
        for index in examples {
            let arguments = lines[index].dropFirst("$ chanstat ".count).split(separator: " ").map(String.init)
            #expect(!arguments.contains("--range"), "\(lines[index]): give --since and --until")
            let shown = lines[(index + 1)...].prefix { !$0.hasPrefix("$ ") && !$0.hasPrefix("```") }
            #expect(!shown.isEmpty, "\(lines[index]) shows nothing")
            let result = try ChanstatBinary.run(arguments, directory: PackageRoot.url)
            #expect(result.status == 0, "\(lines[index]): \(result.stderr)")
            let printed = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (offset, line) in shown.enumerated() {
                if line == "…" { break }
                let actual = offset < printed.count ? printed[offset] : "(nothing)"
                if let cut = line.firstIndex(of: "…") {
                    #expect(actual.hasPrefix(line[..<cut].trimmingCharacters(in: .whitespaces)), "\(lines[index]), line \(offset + 1): \(actual)")
                } else {
                    #expect(actual == line, "\(lines[index]), line \(offset + 1): \(actual)")
                }
            }
        }
    }

    /// The README's `serve` example asks the server it started for dates inside the demo file, not a preset.
    @Test func theREADMEsServeExampleNamesDatesInsideTheDemoFile() throws {
        let readme = try text("README.md")
        let command = try #require(readme.split(separator: "\n").first { $0.contains("chanstat report --url http://127.0.0.1:") })
        #expect(!command.contains("--range"))
        #expect(command.contains("--since 2026-11-") && command.contains("--until 2026-11-"), "\(command)")
    }
}
