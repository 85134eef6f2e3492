import ArgumentParser

/// `chanstat --generate-completion-script bash|zsh|fish`, with the dashboard's options at the top level: the
/// dashboard is the default command (`chanstat --db FILE --range 7d`, as the README writes it), but
/// swift-argument-parser's scripts complete only subcommand names there, so `chanstat --ra<Tab>` offered nothing.
/// Each shell's script is edited where it decides what the first words are: one known piece of generated text
/// per shell is replaced (if a newer generator writes other text, the script stays as generated, and the tests
/// of each shell say so).
enum TopLevelCompletion {
    // bash: the root's fallback branch is replaced by one that runs the dashboard's completion (its options and
    // their values) and still offers the subcommands at the first word.
    /// The first words the generator offers: the shown subcommands, then `help` (named from the command tree, so
    /// that a new subcommand does not stop the replacement below from matching).
    static var subcommandWords: String {
        (Chanstat.configuration.subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName } + ["help"])
            .joined(separator: " ")
    }

    static var generatedFallback: String { """
            *)
                # Offer subcommand completions
                COMPREPLY+=($(compgen -W '\(subcommandWords)' -- "${cur}"))
                ;;
            esac
        }

        """ }

    static var dashboardFallback: String { """
            *)
                # chanstat: the dashboard is the default command (chanstat --db FILE), so its options and their values
                # complete at the top level too, and the subcommands' names at the first word.
                COMPREPLY=()
                unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")
                _chanstat_dashboard
                if [[ "${COMP_CWORD}" -eq 1 ]]; then
                    COMPREPLY+=($(compgen -W '\(subcommandWords)' -- "${cur}"))
                fi
                ;;
            esac
        }

        """ }

    // zsh: a line whose first argument is an option (`chanstat --range 7d --re`) is completed as the dashboard's,
    // before the root's own arguments; subcommand names still complete at the first word.
    static let zshRootArguments = """
            local -i ret=1
            local -ar arg_specs=(
                '--version[Show the version.]'

        """

    static let zshDashboardFirst = """
            # chanstat: the dashboard is the default command (chanstat --db FILE), so a line whose first argument is
            # an option completes as the dashboard's (its options and their values).
            if [[ ( "${words[2]}" == -* && $CURRENT -gt 2 ) || ( "${PREFIX}" == -* && $CURRENT -eq 2 ) ]]; then
                _chanstat_dashboard
                return
            fi

        """ + zshRootArguments

    // fish: each of the dashboard's options is offered at the top level too (under the root's condition), with its
    // description and values; the root has its own --version and --help.
    static let fishDashboardCondition = #"__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" "#
    static let fishRootCondition = #"__chanstat_should_offer_completions_for_flags_or_options "chanstat" "#

    static func withFishTopLevelOptions(_ script: String) -> String {
        let topLevel = script.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.contains(fishDashboardCondition) && !$0.contains("-l 'version'") && !$0.contains("-l 'help'") }
            .map { $0.replacingOccurrences(of: fishDashboardCondition, with: fishRootCondition) }
        guard !topLevel.isEmpty else { return script }
        return (script.hasSuffix("\n") ? script : script + "\n")
            + "# chanstat: the dashboard is the default command, so its options complete at the top level too.\n"
            + topLevel.joined(separator: "\n") + "\n"
    }

    /// The script for `arguments`, or nil when they ask for something else (the parser then handles them).
    static func script(for arguments: [String], root: any ParsableCommand.Type) -> String? {
        guard arguments.count == 2, arguments[0] == "--generate-completion-script" else { return nil }
        switch arguments[1] {
        case "bash":
            return root.completionScript(for: .bash).replacingOccurrences(of: generatedFallback, with: dashboardFallback)
        case "zsh":
            return root.completionScript(for: .zsh).replacingOccurrences(of: zshRootArguments, with: zshDashboardFirst)
        case "fish":
            return withFishTopLevelOptions(root.completionScript(for: .fish))
        default:
            return nil
        }
    }
}
