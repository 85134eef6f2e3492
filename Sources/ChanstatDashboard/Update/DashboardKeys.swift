/// The dashboard's keys as its help screen lists them, for the man page's KEYS section (written by
/// `chanstat man-sections`): read from the one key table, so the page cannot list a key the dashboard lacks.
public enum DashboardKeys {
    public static var help: [(keys: String, action: String)] { KeyBinding.help }
}
