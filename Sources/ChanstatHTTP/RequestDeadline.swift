import AsyncHTTPClient

/// The whole-report timeout, bodies, redirect hops and the retry included. AsyncHTTPClient's own deadline stops
/// applying once the response head has arrived, so a server that sends its head at once and then drips the body
/// a byte at a time (each byte resetting the read timeout) held a report for ever; and a deadline per request let
/// a chain of slow redirects take one whole timeout per hop. Racing the whole exchange against a timer ends both.
enum RequestDeadline {
    /// `operation`'s result, or `HTTPClientError.deadlineExceeded` after `timeout` (the operation is cancelled,
    /// which makes AsyncHTTPClient drop the connection).
    static func run<T: Sendable>(within timeout: Duration,
                                 _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw HTTPClientError.deadlineExceeded
            }
            return result
        }
    }
}
