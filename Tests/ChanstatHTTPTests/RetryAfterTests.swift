import ChanstatCore
@testable import ChanstatHTTP
import Foundation
import Testing

/// A busy server's `Retry-After` (429, 503): read in both of its forms, carried in the error as the time to
/// wait for, said in the sentence, and not answered by the immediate retry a 503 otherwise gets.
@Suite struct RetryAfterTests {
    typealias Base = ChatwootAPISourceTests
    static let now = Date(timeIntervalSince1970: 1_795_608_000)  // 2026-11-25 12:00:00 UTC

    @Test func bothFormsAreReadAndNonsenseIsIgnored() {
        #expect(RetryAfter("120", now: Self.now)?.seconds == 120)
        #expect(RetryAfter(" 1 ", now: Self.now)?.seconds == 1)
        #expect(RetryAfter("Wed, 25 Nov 2026 12:02:30 GMT", now: Self.now)?.seconds == 150)
        // No wait at all, a date past, garbage, a negative number: as if there were no header.
        for text in ["0", "Wed, 25 Nov 2026 11:00:00 GMT", "soon", "-5", "", nil] as [String?] {
            #expect(RetryAfter(text, now: Self.now) == nil, "\(text ?? "nil")")
        }
        // A wait of days is cut to an hour, so a broken header cannot stop the refreshes.
        #expect(RetryAfter("99999999999999999999", now: Self.now)?.seconds == 3600)
        #expect(RetryAfter("86400", now: Self.now)?.seconds == 3600)
        #expect(RetryAfter("90", now: Self.now)?.described == "90 seconds")
        #expect(RetryAfter("600", now: Self.now)?.described == "10 minutes")
        #expect(RetryAfter("600", now: Self.now)?.notBefore(now: Self.now) == 1_795_608_600)
    }

    @Test(arguments: [429, 503])
    func theWaitIsInTheErrorAndTheSentenceAndNotRetriedAtOnce(status: Int) async throws {
        let before = Int64(Date().timeIntervalSince1970)
        let (error, label, connections) = try await Base.failure(
            ScriptedServer.answer(status, #"{"error":"slow down"}"#, extraHeaders: "Retry-After: 30\r\n"))
        let what = status == 429 ? "is limiting the rate of requests" : "is unavailable"
        #expect(error.message == "\(label) \(what) (HTTP \(status)) (the server says: slow down) and asks to wait "
                + "30 seconds; try again after that")
        #expect(error.kind == .unavailable)
        let notBefore = try #require(error.retryNotBefore)
        #expect(notBefore >= before + 30 && notBefore <= Int64(Date().timeIntervalSince1970) + 31)
        #expect(connections == 1, "the server said when; an immediate retry would ignore it")
    }
}
