/// no-color.org's convention, read in one place for the dashboard and `report`: `NO_COLOR` set to anything but
/// the empty string asks for no colour (an empty value is as if unset).
public enum NoColor {
    public static let variable = "NO_COLOR"

    public static func isRequested(in environment: [String: String]) -> Bool {
        !(environment[variable] ?? "").isEmpty
    }
}
