/// How many conversations a list shows at most (`--limit`): 1 to 1000, 50 unless told. `count` always says how
/// many there are in all; the limit keeps a list cheap to read on any account size.
public struct ListLimit: Equatable, Sendable {
    public let value: Int

    public static let allowed = 1...1_000
    public static let standard = ListLimit(checked: 50)

    /// nil outside `allowed`.
    public init?(_ value: Int) {
        guard Self.allowed.contains(value) else { return nil }
        self.value = value
    }

    private init(checked value: Int) { self.value = value }

    /// The usage error for anything else.
    public static let problem = "--limit must be a whole number from 1 to 1000"
}
