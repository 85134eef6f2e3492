import ChanstatSQLite
import ChanstatTestSupport
import Foundation
import Testing

/// sample-data/schema.sql is the DDL `sample` writes, for people who build a file by hand; it must not drift.
@Suite struct SchemaFileTests {
    /// The statements without comments and with white space folded, so layout does not matter.
    static func statements(_ sql: String) -> String {
        sql.split(separator: "\n")
            .map { line in line.range(of: "--").map { String(line[..<$0.lowerBound]) } ?? String(line) }
            .joined(separator: " ")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func schemaFileIsTheDDLThatSampleWrites() throws {
        let file = PackageRoot.file("sample-data/schema.sql")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(Self.statements(text) == Self.statements(ChatwootSchema.ddl + "\n" + ChatwootSchema.recommendedIndex
                                                                  + "\n" + ChatwootSchema.labelIndex))
    }
}
