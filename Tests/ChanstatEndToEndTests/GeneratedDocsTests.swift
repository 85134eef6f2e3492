import ChanstatTestSupport
import Foundation
import Testing

/// The completion scripts and the man page under docs/ (written by scripts/generate-docs): they load, they
/// render, and they are what the current argument definitions generate.
@Suite struct GeneratedDocsTests {
    static let docs = PackageRoot.url.appendingPathComponent("docs")

    @Test func bashCompletionLoadsAndRegistersChanstat() throws {
        let result = try Shell.run("bash", ["-c", "source docs/completions/chanstat.bash && complete -p chanstat"],
                                   in: PackageRoot.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("chanstat"))
        #expect(result.stderr.isEmpty)
    }

    @Test(.enabled(if: Shell.exists("groff"), "groff is not installed (Debian package groff-base)"))
    func manPageRendersWithItsSections() throws {
        // -mandoc: the generator writes mdoc; -P-cbou: plain text, no overstriking, so words can be searched.
        let result = try Shell.run("groff", ["-mandoc", "-Tutf8", "-P-cbou", "docs/chanstat.1"],
                                   in: PackageRoot.url)
        #expect(result.status == 0)
        // mdoc reports a broken page as an error; its only warnings here are about blank lines in help texts.
        #expect(!result.stderr.contains("error"), "\(result.stderr)")
        for text in ["NAME", "SYNOPSIS", "chanstat", "dashboard", "report", "--profile"] {
            #expect(result.stdout.contains(text), "\(text) missing from the rendered page")
        }
    }

    /// The sections swift-argument-parser's generator does not write (KEYS from the dashboard's key table,
    /// ENVIRONMENT, FILES, our EXIT STATUS) are in the committed page as the binary writes them now, and groff
    /// has nothing to warn about.
    @Test(.enabled(if: Shell.exists("groff"), "groff is not installed (Debian package groff-base)"))
    func manPageHasKeysEnvironmentFilesAndExitStatusAndNoWarnings() throws {
        let sections = try ChanstatBinary.run(["man-sections"])
        #expect(sections.status == 0)
        for heading in [".Sh KEYS", ".Sh ENVIRONMENT", ".Sh FILES", ".Sh EXIT STATUS", ".It Sy ?", "Ev HTTPS_PROXY"] {
            #expect(sections.stdout.contains(heading), "\(heading)")
        }
        let page = try String(contentsOf: Self.docs.appendingPathComponent("chanstat.1"), encoding: .utf8)
        #expect(page.contains(sections.stdout), "docs/chanstat.1 is stale: run scripts/generate-docs")
        #expect(!page.contains(".Ex -std"), "the generator's own EXIT STATUS (0 or >0) is replaced by ours")
        let warnings = try Shell.run("groff", ["-man", "-ww", "-z", "docs/chanstat.1"], in: PackageRoot.url)
        #expect(warnings.status == 0)
        #expect(warnings.stderr == "", "\(warnings.stderr)")
    }

    /// Issue 24: the page lists no hidden command (`man-sections` is for scripts/generate-docs), says nothing of
    /// BSD (a bare `.Os` made groff head it "BSD General Commands Manual"), and its ENVIRONMENT names the libpq
    /// variables chanstat reads besides the usual ones.
    @Test(.enabled(if: Shell.exists("groff"), "groff is not installed (Debian package groff-base)"))
    func manPageHidesManSectionsSaysNoBSDAndNamesEveryPGVariableRead() throws {
        let page = try String(contentsOf: Self.docs.appendingPathComponent("chanstat.1"), encoding: .utf8)
        #expect(!page.contains("man-sections"))
        let rendered = try Shell.run("groff", ["-mandoc", "-Tutf8", "-P-cbou", "docs/chanstat.1"], in: PackageRoot.url)
        #expect(rendered.status == 0)
        #expect(!rendered.stdout.contains("man-sections"))
        #expect(!rendered.stdout.contains("BSD"), "\(rendered.stdout.split(separator: "\n").first ?? "")")
        #expect(rendered.stdout.hasPrefix("CHANSTAT(1)"))
        #expect(rendered.stdout.contains("General Commands Manual"))
        let environment = try #require(rendered.stdout.range(of: "ENVIRONMENT"))
        for variable in ["PGCONNECT_TIMEOUT", "PGTZ", "PGPASSWORD", "PGSSLMODE"] {
            #expect(rendered.stdout[environment.upperBound...].contains(variable), "\(variable) missing from ENVIRONMENT")
        }
    }

    /// The README runs the dashboard's options at the top level; `chanstat --help` lists them, and the
    /// dashboard's usage line names them instead of `<options>`.
    @Test func topLevelHelpListsTheDashboardsOptions() throws {
        let help = try ChanstatBinary.run(["--help"])
        #expect(help.status == 0)
        for option in ["--db <file-or-url>", "--url <base-url>", "--account <id>", "--range <range>", "--refresh"] {
            #expect(help.stdout.contains(option), "\(option) missing from chanstat --help")
        }
        let dashboard = try ChanstatBinary.run(["dashboard", "--help"])
        #expect(!dashboard.stdout.contains("<options>"))
        #expect(dashboard.stdout.contains("USAGE: chanstat [dashboard] [--profile NAME]"))
    }

    /// The dashboard is the default command, so bash completes its options (and their values) at the top
    /// level: `chanstat --ra<Tab>` is `--range`, `chanstat --range <Tab>` the presets; subcommands still complete.
    @Test func bashCompletesTheDashboardsOptionsAtTheTopLevel() throws {
        func complete(_ words: [String]) throws -> [Substring] {
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let script = "source docs/completions/chanstat.bash; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); "
                + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; "
                + "_chanstat chanstat \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"; "
                + "printf '%s\\n' \"${COMPREPLY[@]}\""
            let result = try Shell.run("bash", ["-c", script], in: PackageRoot.url)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n")
        }
        #expect(try complete(["chanstat", "--ra"]) == ["--range"])
        #expect(try complete(["chanstat", "--db", "x.sqlite", "--ref"]) == ["--refresh"])
        #expect(try complete(["chanstat", "--range", ""]) == ["today", "7d", "30d", "3m", "6m", "this-month", "last-month"])
        #expect(try complete(["chanstat", "re"]) == ["report"])
        #expect(try complete(["chanstat", "report", "--fo"]) == ["--format"])
    }

    /// fish completes the dashboard's options at the top level too, asked as fish asks (`complete -C`), and the
    /// subcommands still complete.
    @Test(.enabled(if: Shell.exists("fish"), "fish is not installed (scripts/setup installs it)"))
    func fishCompletesTheDashboardsOptionsAtTheTopLevel() throws {
        func complete(_ line: String) throws -> [Substring] {
            let result = try Shell.run("fish", ["--no-config", "-c", "source docs/completions/chanstat.fish; complete -C '\(line)'"],
                                       in: PackageRoot.url)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").map { $0.prefix { $0 != "\t" } }
        }
        #expect(try complete("chanstat --ra") == ["--range"])
        #expect(try complete("chanstat --db x.sqlite --ref") == ["--refresh"])
        #expect(try complete("chanstat --range ") == ["today", "7d", "30d", "3m", "6m", "this-month", "last-month"])
        #expect(try complete("chanstat re") == ["report"])
        #expect(try complete("chanstat report --fo") == ["--format"])
        #expect(try complete("chanstat serve --ra").isEmpty, "serve has no --range")
    }

    /// zsh: completion widgets run only in an interactive shell, so the script's own function is run with the
    /// words of a command line and zsh's `_arguments` replaced by one that prints the options it was given: a line
    /// whose first argument is an option gets the dashboard's options, a subcommand's name the root's.
    @Test(.enabled(if: Shell.exists("zsh"), "zsh is not installed (scripts/setup installs it)"))
    func zshCompletesTheDashboardsOptionsAtTheTopLevel() throws {
        func offered(_ words: [String]) throws -> [Substring] {
            let script = """
                source docs/completions/chanstat.zsh
                _arguments() { print -rl -- "$@" }
                _describe() { }
                words=("$@"); CURRENT=$#; PREFIX=${words[-1]}
                _chanstat
                """
            let result = try Shell.run("zsh", ["-f", "-c", script, "zsh"] + words, in: PackageRoot.url)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").compactMap { $0.split(separator: "[").first }
        }
        #expect(try offered(["chanstat", "--ra"]).contains("--range"))
        #expect(try offered(["chanstat", "--db", "x.sqlite", "--ref"]).contains("--refresh"))
        #expect(try !offered(["chanstat", "re"]).contains("--range"), "a subcommand's name is completed by the root")
        #expect(try offered(["chanstat", "re"]).contains("--version"))
    }

    /// Completions are generated by the binary itself, so they are compared here directly. The man page
    /// needs swift-argument-parser's plugin, which cannot run inside `swift test` (it takes the build lock):
    /// `scripts/generate-docs --check` compares it.
    /// The README's picture is of a file with the defaults a person gets: a file refreshes every minute, not
    /// the 5 minutes an earlier picture showed (the script asked for them).
    @Test func theREADMEPictureShowsAFilesDefaultRefresh() throws {
        let svg = try String(contentsOf: Self.docs.appendingPathComponent("dashboard.svg"), encoding: .utf8)
        let texts = svg.components(separatedBy: "</text>").compactMap { $0.split(separator: ">").last.map(String.init) }
        let shown = texts.joined(separator: " ")
        #expect(shown.contains("auto 1 min") || shown.contains("every 1 min"), "\(shown.prefix(200))")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func committedCompletionIsCurrent(shell: String) throws {
        let generated = try ChanstatBinary.run(["--generate-completion-script", shell])
        #expect(generated.status == 0)
        let committed = try String(contentsOf: Self.docs.appendingPathComponent("completions/chanstat.\(shell)"),
                                   encoding: .utf8)
        #expect(generated.stdout == committed, "docs/completions/chanstat.\(shell) is stale: run scripts/generate-docs")
    }
}
