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
        case .resized:
            break
        case .tick(let generation):
            transition.handleTick(generation: generation)
        case .loadFinished(let result):
            transition.handleLoadFinished(result)
        case .dayProgress(let requestID, let progress):
            if requestID == transition.state.pendingRequest { transition.state.dayProgress = progress }
        case .terminate:
            transition.quit()
        }
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

    mutating func quit() {
        state.quitting = true
        effects.append(.quit)
    }
}
