import CTerminalShim
import ChanstatCore
import ChanstatDashboard
import Foundation
import Logging

/// The UI loop: wait for a key, a signal, a load result or the timer; turn it into a message; update;
/// perform the effects; draw. Lives on one thread, with the one `CursesScreen`.
final class EventLoop {
    private let options: DashboardOptions
    private let inbox: MessageInbox
    private let logger: Logger
    private let clock = ContinuousClock()
    private let loads: LoadRunner
    /// Changed only by `Dashboard.update` (its fields are read-only outside ChanstatDashboard).
    private var state: DashboardState
    private var timer: (deadline: ContinuousClock.Instant, generation: Int)?
    private var exitStatus: Int32 = 0

    /// Takes the terminal and runs the dashboard until it quits; 1 when no terminal can be driven.
    static func run(options: DashboardOptions) -> Int32 {
        let logger = LogFile.logger(options.logFile)
        let started = ContinuousClock.now
        let utf8 = ct_setup_locale_is_utf8() != 0
        guard ct_install_signal_handlers() == 0 else {
            return fail("chanstat: cannot set up signal handling for the dashboard.", logger: logger)
        }
        let screen: CursesScreen
        do {
            screen = try CursesScreen(colorMode: options.colorMode)
        } catch .notATerminal {
            return fail("chanstat: the dashboard needs a terminal; `chanstat report` works without one.", logger: logger)
        } catch .noCursorAddressing {
            let term = TerminalSafeText.sanitize(ProcessInfo.processInfo.environment["TERM"] ?? "", maxCharacters: 40)
            return fail("chanstat: the dashboard needs a terminal that can move the cursor, and TERM=\(term) cannot (an Emacs shell, say); `chanstat report` prints the same numbers as text.", logger: logger)
        } catch {
            let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
            return fail("chanstat: the terminal type \"\(TerminalSafeText.sanitize(term, maxCharacters: 40))\" is unknown here, and so are xterm-256color and vt100; `chanstat report` works without a terminal.", logger: logger)
        }
        let display = DisplayOptions(glyphs: utf8 && !options.forceASCII ? .unicode : .ascii, colored: screen.colored)
        logger.info("dashboard started", metadata: ["term": "\(screen.terminalType)", "utf8": "\(utf8)", "colour": "\(screen.colored)"])
        return EventLoop(options: options, display: display, logger: logger).run(screen, started: started)
    }

    private init(options: DashboardOptions, display: DisplayOptions, logger: Logger) {
        self.options = options
        self.logger = logger
        let now = Date()
        let range = options.initialRange.resolve(now: now, calendar: options.calendar)
        let preset: RangePreset? = if case .preset(let preset) = options.initialRange { preset } else { nil }
        let selection = RangeSelection(preset: preset, range: range)
        state = DashboardState(sourceName: options.source.displayName, calendar: options.calendar, selection: selection,
                               refreshSeconds: options.refreshSeconds ?? RefreshLimits.defaultForFile, display: display,
                               inboxesUnavailable: options.source.refusal(for: .inbox)?.message,
                               webAddress: options.webAddress)
        let inbox = MessageInbox()
        self.inbox = inbox
        loads = LoadRunner(source: options.source, calendar: options.calendar, logger: logger) { inbox.post($0) }
    }

    private func run(_ screen: CursesScreen, started: ContinuousClock.Instant) -> Int32 {
        let localeProblem = LocaleCheck.unavailableUTF8Locale()
        defer {
            screen.stop()
            // Said once, on the restored terminal, where it stays readable after the dashboard is gone.
            if let localeProblem { try? FileHandle.standardError.write(contentsOf: Data("chanstat: \(localeProblem)\n".utf8)) }
        }
        if let localeProblem { logger.warning("\(localeProblem)") }

        // The window's size first: the table's page is what fits in it.
        apply(.resized(width: screen.size.width, height: screen.size.height))
        apply(.started)
        draw(screen)
        logger.info("first frame", metadata: ["ms": "\(milliseconds(since: started))"])

        while !state.quitting {
            let events = ct_wait(waitTimeout())
            let received = clock.now
            if events & Int32(CT_WAIT_HANGUP) != 0 {
                logger.info("terminal hung up")
                exitStatus = 128 + SIGHUP
                apply(.terminate)
                break
            }
            handleSignals(screen)
            // A wake-up may be a SIGWINCH: ncurses reports it as KEY_RESIZE only when asked for a key.
            if events & Int32(CT_WAIT_INPUT | CT_WAIT_WOKEN) != 0 {
                for input in screen.readKeys() {
                    switch input {
                    case .key(let key): apply(.key(key))
                    case .resize:
                        screen.invalidate()
                        apply(.resized(width: screen.size.width, height: screen.size.height))
                    }
                }
            }
            for message in inbox.takeAll() { apply(message) }
            if let timer, clock.now >= timer.deadline {
                self.timer = nil
                apply(.tick(generation: timer.generation))
            }
            if !state.quitting {
                draw(screen)
                logger.debug("frame", metadata: ["ms": "\(milliseconds(since: received))"])
            }
        }
        logger.info("dashboard stopped", metadata: ["status": "\(exitStatus)"])
        return exitStatus
    }

    // MARK: - Private

    private func apply(_ message: DashboardMessage) {
        let effects: [DashboardEffect]
        (state, effects) = Dashboard.update(state, message, now: Date())
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: DashboardEffect) {
        switch effect {
        case .load, .loadQueue, .loadConversations, .cancelLoad:
            loads.perform(effect)
        case .scheduleTick(let seconds, let generation):
            timer = (clock.now + .milliseconds(Int64(seconds * 1000)), generation)
        case .cancelTick:
            timer = nil
        case .quit:
            break  // the loop ends when it sees `state.quitting`
        }
    }

    /// Ctrl-C quits like `q`; SIGTERM and SIGHUP quit with their status; a resume repaints everything.
    private func handleSignals(_ screen: CursesScreen) {
        let signal = ct_take_termination_signal()
        if signal == SIGINT {
            apply(.key(.interrupt))
        } else if signal != 0 {
            logger.info("terminated", metadata: ["signal": "\(signal)"])
            exitStatus = 128 + signal
            apply(.terminate)
        }
        if ct_take_continued() != 0 {
            screen.invalidate()
        }
    }

    private func draw(_ screen: CursesScreen) {
        let size = screen.size
        screen.draw(Dashboard.view(state, width: size.width, height: size.height))
        if let link = Dashboard.hyperlink(state, width: size.width, height: size.height) { screen.link(link) }
    }

    /// Until the timer is due, or forever: with nothing to do the thread sleeps in poll.
    private func waitTimeout() -> Int32 {
        guard let timer else { return -1 }
        let remaining = clock.now.duration(to: timer.deadline)
        let ms = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1
        return Int32(clamping: max(0, ms))
    }

    private func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = start.duration(to: clock.now)
        return elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }

    private static func fail(_ sentence: String, logger: Logger) -> Int32 {
        // try?: FileHandle.write(_:) would trap when the terminal is gone; then there is no one to tell.
        try? FileHandle.standardError.write(contentsOf: Data((sentence + "\n").utf8))
        logger.error("\(sentence)")
        return 1
    }
}
