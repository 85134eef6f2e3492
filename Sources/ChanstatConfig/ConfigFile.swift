import ChanstatCore
import Foundation

/// Where the config file lives and reading it: `$XDG_CONFIG_HOME/chanstat/config.toml`, or
/// `~/.config/chanstat/config.toml` when `XDG_CONFIG_HOME` is unset or empty (the XDG rule).
public enum ConfigFile {
    public static func path(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/chanstat/config.toml" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/chanstat/config.toml"
    }

    /// The parsed file, or nil when there is none (having no config file is normal). Read only when it is a
    /// regular file of at most 1 MB (`InputFile`): a FIFO at the path would otherwise stop every command.
    public static func load(path: String) throws(ConfigError) -> ConfigDocument? {
        let contents: InputFile.Contents
        do {
            contents = try InputFile(path, role: "config file").contents(atMost: InputFile.documentLimit)
        } catch {
            switch error.reason {
            case .missing: return nil
            case .unreadable: throw ConfigError(file: path, line: nil, problem: "cannot be read (check its permissions)")
            case .notRegular, .tooLarge: throw ConfigError(file: path, line: nil, problem: error.problem)
            }
        }
        guard let text = contents.text else {
            throw ConfigError(file: path, line: nil, problem: "is not UTF-8 text")
        }
        return try ConfigDocument.parse(text, file: path)
    }

    /// `~/x` as `$HOME/x`, so paths in the file work as they do in a shell.
    static func expandingHome(_ path: String, environment: [String: String]) -> String {
        guard path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty else { return path }
        return home + path.dropFirst(1)
    }
}
