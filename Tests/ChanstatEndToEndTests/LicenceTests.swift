import ChanstatTestSupport
import Foundation
import Testing

/// chanstat is licensed under the Apache License 2.0, and every place a user or a packager looks says so: the
/// LICENSE file, the README, the Debian package's copyright file and the man page.
@Suite struct LicenceTests {
    func text(_ path: String) throws -> String {
        try String(contentsOf: PackageRoot.file(path), encoding: .utf8)
    }

    @Test func theLicenceFileIsTheApacheLicence() throws {
        let licence = try text("LICENSE")
        #expect(licence.contains("Apache License"))
        #expect(licence.contains("Version 2.0, January 2004"))
        #expect(licence.contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION"))
    }

    @Test func theReadmeNamesIt() throws {
        #expect(try text("README.md").contains("licensed under the Apache License, Version 2.0"))
    }

    /// The package's own stanza (`Files: *`) names the licence, and no stanza says "all rights reserved".
    @Test func theDebianCopyrightFileNamesIt() throws {
        let copyright = try text("scripts/lib/debian-copyright")
        let own = copyright.components(separatedBy: "\n\n").first { $0.hasPrefix("Files: *") }
        #expect(own?.contains("License: Apache-2.0") == true, "\(own ?? "no Files: * stanza")")
        #expect(!copyright.lowercased().contains("all-rights-reserved"))
    }

    @Test func theManPageEndsWithTheCopyright() throws {
        let page = try text("docs/chanstat.1")
        let section = try #require(page.range(of: ".Sh COPYRIGHT"))
        #expect(page[section.upperBound...].contains("Apache License, Version 2.0"))
        #expect(!page[section.upperBound...].contains(".Sh "), "COPYRIGHT is the last section")
    }
}
