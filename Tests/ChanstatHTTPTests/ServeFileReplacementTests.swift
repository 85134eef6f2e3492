import Foundation
import Testing

/// `serve` keeps running while the file under it changes hands (issue 5's faults, for the server): moved
/// away, it answers 503 with the reason until the file is back; replaced by a new file renamed over the path,
/// it serves the new file's data, not an answer cached from the old one; cut short, 503 again. Without `FollowedFile` the server kept
/// reading the old inode and answered 200 with the old data in every step.
@Suite struct ServeFileReplacementTests {
    @Test func aMovedFileIsRefusedUntilItIsBackAndAReplacedOneIsServed() async throws {
        let first = try Fixture(conversations: 400), second = try Fixture(conversations: 1_500)
        defer { first.remove(); second.remove() }
        let firstReport = try await first.expectedJSON(), secondReport = try await second.expectedJSON()
        try #require(firstReport != secondReport, "the two fixtures must differ for the test to mean anything")

        // The sentences are in serve's log; a caller gets the generic 503.
        let log = LogCollector()
        try await ServerHarness.withServer(databasePath: first.path, log: log) { base in
            let url = base + ServeTests.summaryPath + ServeTests.query()
            func report(token: String) async throws -> Answer {
                try await fetch(url, headers: [("api_access_token", token)])
            }
            #expect(try await report(token: first.administrator).body == firstReport)

            let aside = first.path + ".aside"
            try FileManager.default.moveItem(atPath: first.path, toPath: aside)
            let gone = try await report(token: first.administrator)
            #expect(gone.status == 503)
            #expect(log.lines.contains { $0.contains("is gone (deleted or moved away); it is read again when it is back") },
                    "\(log.lines)")

            try FileManager.default.moveItem(atPath: aside, toPath: first.path)
            let back = try await report(token: first.administrator)
            #expect(back.status == 200)
            #expect(back.body == firstReport)

            // Copied next to it, then renamed over it: how a new export is put in place.
            let incoming = first.path + ".incoming"
            try FileManager.default.copyItem(atPath: second.path, toPath: incoming)
            #expect(rename(incoming, first.path) == 0)
            let replaced = try await report(token: second.administrator)
            #expect(replaced.status == 200)
            #expect(replaced.body == secondReport)

            // Cut to half its length (a copy still in progress): 503, so a client retries, rather than 500.
            let size = try #require(try FileManager.default.attributesOfItem(atPath: first.path)[.size] as? Int)
            #expect(truncate(first.path, off_t(size / 2)) == 0)
            let short = try await report(token: second.administrator)
            #expect(short.status == 503)
            #expect(log.lines.contains { $0.contains("is shorter than its header says (\(size / 2) of \(size) bytes)") },
                    "\(log.lines)")
        }
    }
}
