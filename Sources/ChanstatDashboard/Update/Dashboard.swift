import ChanstatCore
import Foundation

/// The dashboard's two pure functions, after the Elm architecture: `update` turns a message into a new
/// state and the effects to perform, `view` draws a state into a grid. Neither reads a clock or touches
/// the terminal: the time is an argument, and the terminal edge performs the effects.
public enum Dashboard {
    public static func update(_ state: DashboardState, _ message: DashboardMessage,
                              now: Date) -> (DashboardState, [DashboardEffect]) {
        var transition = Transition(state: state, now: now)
        switch message {
        case .started:
            transition.startLoad()
        case .key(let key):
            transition.handle(key)
        case .resized(let width, let height):
            transition.state.window = WindowSize(width: width, height: height)
        case .tick(let generation):
            transition.handleTick(generation: generation)
        case .loadFinished(let result):
            transition.handleLoadFinished(result)
        case .queueLoaded(let result):
            transition.handleQueueLoaded(result)
        case .conversationsLoaded(let result):
            transition.handleConversationsLoaded(result)
        case .dayProgress(let requestID, let progress):
            if requestID == transition.state.pendingRequest { transition.state.dayProgress = progress }
        case .terminate:
            transition.quit()
        }
        transition.settleScroll()
        return (transition.state, transition.effects)
    }
}

/// One run of `update`: the state being changed and the effects collected on the way.
struct Transition {
    var state: DashboardState
    var effects: [DashboardEffect] = []
    let now: Date

    init(state: DashboardState, now: Date) {
        self.state = state
        self.now = now
    }

    var nowSeconds: Int64 { Int64(now.timeIntervalSince1970.rounded(.down)) }

    /// After every message (a key, a load, a resize): the table's offset moved the least that keeps its selected
    /// row among the rows the window shows, so what is drawn is what the state says.
    mutating func settleScroll() {
        let rows = state.visibleKeys
        let selected = state.selectedKey.flatMap { rows.firstIndex(of: $0) }
        state.scrollOffset = TableScroll.firstRow(offset: state.scrollOffset, selected: selected,
                                                  visible: Dashboard.tablePage(state), count: rows.count)
    }

    mutating func quit() {
        state.quitting = true
        effects.append(.quit)
    }
}
