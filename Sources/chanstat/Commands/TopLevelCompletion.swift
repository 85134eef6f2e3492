import ArgumentParser

/// `chanstat --generate-completion-script bash`, with the dashboard's options at the top level: the dashboard is
/// the default command (`chanstat --db FILE --range 7d`, as the README writes it), but swift-argument-parser's
/// script completes only subcommand names there, so `chanstat --ra<Tab>` offered nothing. The root's fallback
/// branch is replaced by one that runs the dashboard's completion (its options and their values) and still offers
/// the subcommands at the first word. zsh and fish are left as generated.
enum TopLevelCompletion {
    static let generatedFallback = """
            *)
                # Offer subcommand completions
                COMPREPLY+=($(compgen -W 'dashboard report serve sample help' -- "${cur}"))
                ;;
            esac
        }

        """

    static let dashboardFallback = """
            *)
                # chanstat: the dashboard is the default command (chanstat --db FILE), so its options and their values
                # complete at the top level too, and the subcommands' names at the first word.
                COMPREPLY=()
                unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")
                _chanstat_dashboard
                if [[ "${COMP_CWORD}" -eq 1 ]]; then
                    COMPREPLY+=($(compgen -W 'dashboard report serve sample help' -- "${cur}"))
                fi
                ;;
            esac
        }

        """

    /// The script for `arguments`, or nil when they ask for something else (the parser then handles them).
    static func script(for arguments: [String], root: any ParsableCommand.Type) -> String? {
        guard arguments == ["--generate-completion-script", "bash"] else { return nil }
        return root.completionScript(for: .bash).replacingOccurrences(of: generatedFallback, with: dashboardFallback)
    }
}
