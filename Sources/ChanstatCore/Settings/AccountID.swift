/// The account-id rule, for `--account` and a profile's `account`: Chatwoot's account ids start at 1, so 0 and
/// negative numbers are mistakes, refused before anything is opened.
public enum AccountID {
    public static func isValid(_ id: Int64) -> Bool { id >= 1 }

    /// "--account must be a positive whole number", "profiles.prod.account must be …".
    public static func problem(_ name: String) -> String { "\(name) must be a positive whole number (an account id)" }
}
