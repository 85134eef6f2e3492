import ChanstatTestSupport
import Foundation
import GRDB
import Testing

/// Channel types are untrusted text (docs/report.md): through `report`, nothing read from a file reaches the
/// output as a control character or escape sequence, in any format; NULLs where the schema says NOT NULL
/// count as docs/report.md's rules say (NULL status counts nowhere; a NULL channel type is shown as unnamed).
@Suite struct HostileDataReportTests {
    static let hostileTypes = [
        "Channel::\u{1B}[31mRed\u{1B}[0m",                 // SGR colour
        "Channel::\u{1B}]0;pwned\u{07}Title",              // OSC: set the window title
        "Channel::C1\u{9B}31m",                            // C1 CSI
        "Channel::\u{202E}txt.exe",                        // bidirectional override
        "Channel::Zero\u{200B}Width",                      // zero-width space
        "Channel::" + String(repeating: "e\u{301}", count: 30),  // combining marks
        "Channel::👩‍👩‍👧 日本語",                                // emoji and wide characters
        "Channel::" + String(repeating: "x", count: 10_000),
        "",
    ]

    /// A file whose conversations table allows NULLs, with one conversation per hostile type in the range.
    static func writeFixture(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT);
                CREATE TABLE inboxes (id INTEGER PRIMARY KEY, account_id INTEGER, name TEXT, channel_type TEXT);
                CREATE TABLE conversations (id INTEGER PRIMARY KEY, account_id INTEGER, inbox_id INTEGER,
                                            status INTEGER, created_at);
                INSERT INTO accounts VALUES (1, 'Acme');
                """)
            for (index, type) in hostileTypes.enumerated() {
                try db.execute(sql: "INSERT INTO inboxes VALUES (?, 1, 'x', ?)", arguments: [index + 1, type])
                try db.execute(sql: "INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, ?, 0, 100)",
                               arguments: [index + 1])
            }
            // NULL channel type, NULL status, NULL created_at, NULL account.
            try db.execute(sql: """
                INSERT INTO inboxes VALUES (100, 1, 'null type', NULL);
                INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, 100, 1, 100);
                INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, 1, NULL, 100);
                INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (1, 1, 0, NULL);
                INSERT INTO conversations (account_id, inbox_id, status, created_at) VALUES (NULL, 1, 0, 100);
                """)
        }
        try queue.close()
    }

    static func isTerminalSafe(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            let control = (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value)
            let bidi = (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            return !control && !bidi && value != 0x200B
        }
    }

    @Test(arguments: ["table", "csv"])
    func printedFormatsCarryNoControlCharacters(format: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.writeFixture(path)
        let run = try ChanstatBinary.run(["report", "--db", path, "--since", "0", "--until", "1000", "--format", format])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.isTerminalSafe(run.stdout))
        #expect(run.stdout.contains("\u{FFFD}[31mRed"))
        #expect(!run.stdout.contains("x" + String(repeating: "x", count: 1_000)), "a 10,000-character type is cut")
        if format == "table" {
            // 9 hostile types with 1 open each, plus the NULL-typed inbox's resolved one: 11 counted in all.
            #expect(run.stdout.contains("(unnamed)"))
            let totals = run.stdout.split(separator: "\n").last { $0.hasPrefix("Total") }.map(String.init) ?? ""
            #expect(totals.split(separator: " ") == ["Total", "9", "0", "0", "1", "10"])
        }
    }

    @Test func jsonEscapesControlCharactersAndKeepsTheRawType() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.writeFixture(path)
        let run = try ChanstatBinary.run(["report", "--db", path, "--since", "0", "--until", "1000", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.unicodeScalars.allSatisfy { $0.value >= 0x20 || $0 == "\n" })
        #expect(run.stdout.contains(#""Channel::\u001b[31mRed\u001b[0m":{"open":1,"#))
        // JSON carries the raw type (a machine reads it), so it decodes back to exactly what the file holds.
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: [String: Int]]
        #expect(Set(object.map { Array($0.keys) } ?? []) == Set(Self.hostileTypes))
        #expect(object?[""]?["total"] == 2, "the empty type and the NULL type are the same group")
    }
}
