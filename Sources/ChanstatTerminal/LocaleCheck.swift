import CTerminalShim
import ChanstatCore
import Foundation

/// Why the dashboard draws in ASCII though the environment asks for UTF-8: the locale it names is not
/// installed, so `setlocale` fell back to the C locale (ASCII) without a word. docs/troubleshooting.md.
enum LocaleCheck {
    /// The sentence, or nil when the locale was set (or what was asked is not UTF-8 anyway).
    /// Call after `ct_setup_locale_is_utf8`.
    static func unavailableUTF8Locale(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard ct_locale_was_unavailable() != 0 else { return nil }
        // The variable that decides the character set, in POSIX's order.
        guard let (name, value) = ["LC_ALL", "LC_CTYPE", "LANG"].lazy
            .compactMap({ name in environment[name].flatMap { $0.isEmpty ? nil : (name, $0) } }).first else { return nil }
        let lowered = value.lowercased()
        guard lowered.contains("utf-8") || lowered.contains("utf8") else { return nil }
        let shown = TerminalSafeText.sanitize(value, maxCharacters: 40)
        return "\(name)=\(shown) asks for UTF-8, but that locale is not installed here, so the dashboard was drawn in ASCII; "
            + "install it (see `locale -a`) or use \(name)=C.UTF-8."
    }
}
