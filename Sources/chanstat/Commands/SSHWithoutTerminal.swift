import Foundation

/// `ssh box chanstat` runs the dashboard without a terminal: ssh allocates one only for an interactive login,
/// and then sets no TERM. The dashboard's own "needs a terminal" sentence is true but leaves the person guessing;
/// this one names the flag that fixes it.
enum SSHWithoutTerminal {
    /// The sentence when the dashboard runs over ssh with no terminal (stdin or stdout not one, and TERM unset or
    /// dumb, as ssh leaves it without `-t`); nil otherwise, and the dashboard says what it says.
    static func sentence(environment: [String: String], stdinIsTerminal: Bool, stdoutIsTerminal: Bool) -> String? {
        guard environment["SSH_CONNECTION"] != nil || environment["SSH_CLIENT"] != nil else { return nil }
        guard !stdinIsTerminal || !stdoutIsTerminal else { return nil }
        let term = environment["TERM"] ?? ""
        guard term.isEmpty || term == "dumb" else { return nil }
        return "the dashboard needs a terminal, and this ssh session has none: run `ssh -t HOST chanstat …` "
            + "(ssh gives a command a terminal only with -t), or `chanstat report` for the numbers as text"
    }

    /// The sentence for this process, nil when it has a terminal or is not run over ssh.
    static func sentenceForThisProcess() -> String? {
        sentence(environment: ProcessInfo.processInfo.environment,
                 stdinIsTerminal: isatty(STDIN_FILENO) == 1, stdoutIsTerminal: isatty(STDOUT_FILENO) == 1)
    }
}
