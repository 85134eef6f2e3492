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
}
