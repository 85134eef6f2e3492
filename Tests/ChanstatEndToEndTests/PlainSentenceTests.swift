import ChanstatTestSupport
import Foundation
import Testing

/// Issue 24 item 2: mistakes on the command line answered with one sentence that names the flag, through the real
/// binary, never a library's error text.
@Suite struct PlainSentenceTests {
    /// One end of a custom range alone names the flag that is missing, in the dashboard as in `report`
    /// (ReportCommandTests.invalidRange checks `report`).
    @Test(arguments: [
        (["--since", "2026-01-01"], "chanstat: --since needs --until too (the end of the range)\n"),
        (["--until", "2026-01-01"], "chanstat: --until needs --since too (the start of the range)\n"),
    ])
    func oneEndOfARangeNamesTheOther(arguments: [String], message: String) throws {
        let run = try ChanstatBinary.run(["dashboard", "--demo"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr == message)
    }

    /// `ssh box chanstat`: no terminal on stdin or stdout, no TERM (ssh sets none without -t). The sentence
    /// names `ssh -t`; with a TERM of a real terminal (not over ssh's bare command) it does not.
    @Test(arguments: [[:], ["TERM": "dumb"]] as [[String: String]])
    func theDashboardOverSSHWithoutATerminalSuggestsSSHT(term: [String: String]) throws {
        let ssh = ["SSH_CONNECTION": "192.0.2.7 50022 192.0.2.8 22", "SSH_CLIENT": "192.0.2.7 50022 22"]
        let run = try ChanstatBinary.run(["dashboard", "--demo"], environment: ssh.merging(term) { $1 })
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(run.stderr == "chanstat: the dashboard needs a terminal, and this ssh session has none: run "
                + "`ssh -t HOST chanstat …` (ssh gives a command a terminal only with -t), or `chanstat report` for "
                + "the numbers as text\n")
    }

    @Test func withoutSSHTheDashboardSaysOnlyThatItNeedsATerminal() throws {
        let run = try ChanstatBinary.run(["dashboard", "--demo"])
        #expect(run.status == 1)
        #expect(!run.stderr.contains("ssh"))
        #expect(run.stderr.contains("the dashboard needs a terminal"))
    }

    /// A `--host` that is no address, or an address of another machine: exit 2 and a sentence naming --host,
    /// not NIO's "SocketAddressError.UnknownHost" or a bare strerror.
    @Test(arguments: [
        ("not_a_host!", "chanstat: cannot listen on not_a_host!: it is neither an IP address nor a name this machine "
            + "can resolve; give --host an address of this machine, such as 127.0.0.1 or 0.0.0.0"),
        // TEST-NET-1 (RFC 5737): never an address of this machine.
        ("192.0.2.1", "chanstat: cannot listen on 192.0.2.1:0: that address is not one of this machine's; give "
            + "--host one of its own addresses (ip -brief address lists them), or 0.0.0.0 for all"),
    ])
    func aBadServeHostIsOneSentence(host: String, message: String) throws {
        let scratch = try Scratch()
        let sample = try ChanstatBinary.run(["sample", "--out", scratch.path("s.sqlite"), "--conversations", "10",
                                             "--accounts", "1", "--days", "1", "--end", "2026-01-10"])
        #expect(sample.status == 0, "\(sample.stderr)")
        let run = try ChanstatBinary.run(["serve", "--db", scratch.path("s.sqlite"), "--host", host, "--port", "0"])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderrLines.last == Substring(message))
        #expect(!run.stderr.contains("SocketAddressError"))
    }
}
