import Foundation

/// Runs blocking test code (waiting for a child process, polling a terminal) on a thread of its own. A test
/// that blocks on Swift's cooperative pool holds one of its threads (two on a two-core machine) for as long as
/// it waits; a few such tests waiting out a 15 s deadline starved the in-process HTTP tests, whose own
/// deadlines then passed before they could run. Inside `body` there is no current test: check with `#require`
/// (a failure throws, and the test fails with it) or return what the caller should check.
public enum OffThePool {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result(catching: body)) }.start()
        }
    }
}
