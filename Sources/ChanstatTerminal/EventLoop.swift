import CTerminalShim
import ChanstatCore
import ChanstatDashboard
import Foundation
import Logging

/// The UI loop: wait for a key, a signal, a load result or the timer; turn it into a message; update;
/// perform the effects; draw. Lives on one thread, with the one `CursesScreen`.
final class EventLoop {
    private let options: DashboardOptions
    private let inbox = MessageInbox()
    private let logger: Logger
    private let clock = ContinuousClock()
    private var state: DashboardState
    private var timer: (deadline: ContinuousClock.Instant, generation: Int)?
    /// The latest load's task, so that `.cancelLoad` can stop it when a newer load replaces it.
    private var runningLoad: (requestID: Int, task: Task<Void, Never>)?
    private var exitStatus: Int32 = 0

    init(options: DashboardOptions) {
        self.options = options
        logger = LogFile.logger(options.logFile)
        let now = Date()
        let range = options.initialRange.resolve(now: now, calendar: options.calendar)
        let preset: RangePreset? = if case .preset(let preset) = options.initialRange { preset } else { nil }
        let selection = RangeSelection(preset: preset, range: range)
        state = DashboardState(sourceName: options.source.displayName, calendar: options.calendar, selection: selection,
                               refreshSeconds: options.refreshSeconds ?? RefreshLimits.defaultForFile,
                               inboxesUnavailable: options.source.refusal(for: .inbox)?.message)
    }

    func run() -> Int32 {
        let started = clock.now
        let utf8 = ct_setup_locale_is_utf8() != 0
        guard ct_install_signal_handlers() == 0 else {
            return fail("chanstat: cannot set up signal handling for the dashboard.")
        }
        let screen: CursesScreen
        do {
            screen = try CursesScreen(colorMode: options.colorMode)
        } catch .notATerminal {
            return fail("chanstat: the dashboard needs a terminal; `chanstat report` works without one.")
        } catch .noCursorAddressing {
            let term = TerminalSafeText.sanitize(ProcessInfo.processInfo.environment["TERM"] ?? "", maxCharacters: 40)
            return fail("chanstat: the dashboard needs a terminal that can move the cursor, and TERM=\(term) cannot (an Emacs shell, say); `chanstat report` prints the same numbers as text.")
        } catch {
            let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
            return fail("chanstat: the terminal type \"\(TerminalSafeText.sanitize(term, maxCharacters: 40))\" is unknown here, and so are xterm-256color and vt100; `chanstat report` works without a terminal.")
        }
        let localeProblem = LocaleCheck.unavailableUTF8Locale()
        defer {
            screen.stop()
            // Said once, on the restored terminal, where it stays readable after the dashboard is gone.
            if let localeProblem { try? FileHandle.standardError.write(contentsOf: Data("chanstat: \(localeProblem)\n".utf8)) }
        }
        state.display = DisplayOptions(glyphs: utf8 && !options.forceASCII ? .unicode : .ascii, colored: screen.colored)
        if let localeProblem { logger.warning("\(localeProblem)") }
        logger.info("dashboard started", metadata: ["term": "\(screen.terminalType)", "utf8": "\(utf8)", "colour": "\(screen.colored)"])

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
        case .load(let range, let comparing, let days, let requestID):
            logger.info("load", metadata: ["request": "\(requestID)", "since": "\(range.since)", "until": "\(range.until)",
                                           "comparing": "\(comparing)", "days": "\(days)"])
            runningLoad = (requestID, startLoad(range: range, comparing: comparing, days: days, requestID: requestID))
        case .cancelLoad(let requestID):
            guard let running = runningLoad, running.requestID == requestID else { break }
            logger.info("load cancelled", metadata: ["request": "\(requestID)"])
            running.task.cancel()
            runningLoad = nil
        case .scheduleTick(let seconds, let generation):
            timer = (clock.now + .milliseconds(Int64(seconds * 1000)), generation)
        case .cancelTick:
            timer = nil
        case .quit:
            break  // the loop ends when it sees `state.quitting`
        }
    }

    /// The load runs off the UI thread; its answer, good or bad, comes back through the inbox.
    private func startLoad(range: DateRange, comparing: Bool, days: Bool, requestID: Int) -> Task<Void, Never> {
        let source = options.source, inbox = inbox, logger = logger, calendar = options.calendar
        return Task.detached {
            let clock = ContinuousClock()
            let started = clock.now
            let outcome: Result<LoadedReport, SourceError>
            do {
                // The clock, read once for this load: where a compare cuts a range that ends after now.
                let now = Int64(Date().timeIntervalSince1970.rounded(.down))
                outcome = .success(try await source.load(range, comparing: comparing, calendar: calendar, now: now,
                                                         days: days) { progress in
                    inbox.post(.dayProgress(requestID: requestID, progress))
                })
            } catch let error as SourceError {
                outcome = .failure(error)
            } catch {
                outcome = .failure(SourceError(.unavailable, "The source failed: \(error)"))
            }
            let elapsed = started.duration(to: clock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if case .failure(let error) = outcome, !Task.isCancelled {
                logger.warning("load failed", metadata: ["request": "\(requestID)", "error": "\(error.message)"])
            }
            // A source opened late (down at start) has learned its full name by now.
            inbox.post(.loadFinished(LoadResult(requestID: requestID, range: range, outcome: outcome, durationSeconds: seconds,
                                                sourceName: source.displayName)))
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

    private func fail(_ sentence: String) -> Int32 {
        // try?: FileHandle.write(_:) would trap when the terminal is gone; then there is no one to tell.
        try? FileHandle.standardError.write(contentsOf: Data((sentence + "\n").utf8))
        logger.error("\(sentence)")
        return 1
    }
}
