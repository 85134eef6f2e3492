import Dispatch
import Foundation

/// Removes a scratch file when Ctrl-C, SIGTERM or SIGHUP ends the process, then exits with 128 + the signal, as
/// the default action would have. The handlers run on a dispatch queue (the work itself blocks the main thread);
/// a `defer` in the interrupted code never runs, which is why this exists. SIGKILL cannot be caught.
final class SignalCleanup {
    private let sources: [any DispatchSourceSignal]

    init(removing path: String, signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]) {
        sources = signals.map { number in
            // Ignored first, so the default action (ending the process) does not race the handler.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { @Sendable in
                unlink(path)
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// Back to the default actions once the scratch file is gone (renamed, or removed by the writer).
    func cancel() {
        for source in sources { source.cancel() }
        for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_DFL) }
    }
}
