import CTerminalShim
import ChanstatDashboard
import Foundation

/// Messages that arrive from other threads (load results) for the UI loop. Posting wakes the loop out
/// of its wait, so an answer is drawn as soon as it arrives and nothing polls.
final class MessageInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [DashboardMessage] = []

    func post(_ message: DashboardMessage) {
        lock.lock()
        messages.append(message)
        lock.unlock()
        ct_wake()
    }

    func takeAll() -> [DashboardMessage] {
        lock.lock()
        defer { lock.unlock() }
        let taken = messages
        messages = []
        return taken
    }
}
