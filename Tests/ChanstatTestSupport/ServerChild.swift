import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long-running server the tests start and stop themselves (nginx in the foreground), spawned with
/// posix_spawn and reaped with waitpid rather than through Foundation's Process. Process learns that a child
/// ended when a socket the child inherited closes; a server started through the descriptor-closing wrapper
/// (which it needs, so that it holds no other child's socket) closes that socket at once, and Process's one
/// monitoring thread then blocks in waitpid for the server's whole life, so no other child's end is noticed.
public final class ServerChild {
    public let pid: pid_t
    private var status: Int32?

    /// Runs `arguments` (through `ChildProcess.closingInheritedDescriptors`), stdin from
    /// /dev/null, stdout and stderr into `outputFile`, with an empty signal mask and default dispositions
    /// (test threads may block signals, and a child inherits the mask: it would never see SIGTERM).
    public init(_ arguments: [String], outputFile: String) throws {
        pid = try Self.spawn(ChildProcess.closingInheritedDescriptors + arguments, outputFile: outputFile)
    }

    /// Starts `command` (searched on PATH) with posix_spawn: stdin from /dev/null, stdout and stderr into
    /// `outputFile` (a file, never a pipe a server would keep open), an empty signal mask and default
    /// dispositions, and `TestEnvironment.minimal` plus `environment` as its environment. The caller reaps it
    /// with waitpid.
    public static func spawn(_ command: [String], outputFile: String,
                             environment: [String: String] = [:]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = command.map { strdup($0) } + [nil]
        let envp = TestEnvironment.cStrings(adding: environment).map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOEXEC)
        }
        return pid
    }

    deinit { stop(signal: SIGKILL) }

    public var isRunning: Bool {
        guard status == nil else { return false }
        var raw: Int32 = 0
        if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
        return status == nil
    }

    /// Sends `signal` unless it ended already, and waits for it (reaping it).
    public func stop(signal: Int32 = SIGTERM) {
        guard isRunning else { return }
        kill(pid, signal)
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        status = raw
    }
}
