/// `--color` and a profile's `color`: `auto` uses colour when the terminal has it and `NO_COLOR` does not ask
/// for none (`SettingsResolver` folds `NO_COLOR` in, so nothing after it reads the variable again).
public enum ColorMode: String, Sendable, CaseIterable {
    case auto, always, never
}
