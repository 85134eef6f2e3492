import ArgumentParser

/// `chanstat help NAME…` must name commands: swift-argument-parser prints the top-level help for a name it
/// does not know and exits 0, so a typo (or a script asking about a command this version lacks) looked like success.
enum HelpTopic {
    static func check(_ arguments: [String], root: any ParsableCommand.Type) throws {
        guard arguments.first == "help" else { return }
        var subcommands = root.configuration.subcommands
        var parent = root._commandName
        for name in arguments.dropFirst() {
            if name.hasPrefix("-") { continue }
            let names = subcommands.map { $0._commandName }
            guard let index = names.firstIndex(of: name) else {
                // Hidden commands (man-sections, for scripts/generate-docs) are not offered.
                let shown = subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
                let message = shown.isEmpty
                    ? "help: \(parent) has no command \"\(name)\""
                    : "help: there is no command \"\(name)\"; the commands are " + shown.joined(separator: ", ")
                throw ValidationError(message)
            }
            parent = name
            subcommands = subcommands[index].configuration.subcommands
        }
    }
}
