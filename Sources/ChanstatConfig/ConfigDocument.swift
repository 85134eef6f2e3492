import ChanstatCore
import TOMLKit

/// The parsed config file: named profiles and which one to use when none is named.
///
/// ```toml
/// default_profile = "prod"
///
/// [profiles.prod]
/// url = "https://chat.example.com"
/// account = 3
/// token_file = "~/.config/chanstat/prod.token"
/// ca_file = "/usr/local/share/ca-certificates/company-ca.crt"
/// range = "7d"
/// refresh = 300
/// color = "auto"
/// timezone = "Europe/Berlin"
/// web_url = "https://chat.example.com"   # Chatwoot's web address: conversations' addresses in lists
///
/// [profiles.replica]
/// db = "postgres://chanstat@replica.internal/chatwoot_production?sslmode=verify-full"
/// account = 1
/// statement_timeout = 20
/// ```
///
/// Strict on purpose: an unknown key or a value of the wrong type is an error that names the key, because a
/// misspelt `acount` that is silently ignored shows the wrong account's numbers without a word.
public struct ConfigDocument: Equatable, Sendable {
    public var defaultProfile: String?
    public var profiles: [String: Profile]

    public init(defaultProfile: String? = nil, profiles: [String: Profile] = [:]) {
        self.defaultProfile = defaultProfile
        self.profiles = profiles
    }

    /// Parses `text`; errors name `file` (as it should be shown) and, where it can be found, the line.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> ConfigDocument {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, problem: error.description)
        } catch {
            throw ConfigError(file: file, line: nil, problem: "\(error)")
        }
        var reader = TableReader(file: file, lines: KeyLineFinder(text: text))
        return try reader.document(root)
    }
}

/// Walks the TOML tables and turns each value into its Swift type, naming the key on any mismatch.
private struct TableReader {
    let file: String
    let lines: KeyLineFinder

    static let profileKeys = ["url", "account", "db", "token_file", "ca_file", "range", "refresh", "color",
                              "statement_timeout", "timezone", "web_url"]

    mutating func document(_ root: TOMLTable) throws(ConfigError) -> ConfigDocument {
        var document = ConfigDocument()
        for key in root.keys.sorted() {
            switch key {
            case "default_profile":
                document.defaultProfile = try string(root[key], key: key, table: nil)
            case "profiles":
                guard let table = root[key]?.table else {
                    throw error(key: key, table: nil, "'profiles' must be a table of [profiles.NAME] sections")
                }
                for name in table.keys.sorted() {
                    guard let profileTable = table[name]?.table else {
                        throw error(key: name, table: "profiles", "profiles.\(name) must be a [profiles.\(name)] table")
                    }
                    document.profiles[name] = try profile(profileTable, table: "profiles.\(name)")
                }
            default:
                throw error(key: key, table: nil,
                            "unknown key '\(key)' (the top level has default_profile and [profiles.NAME] tables)")
            }
        }
        return document
    }

    func profile(_ table: TOMLTable, table name: String) throws(ConfigError) -> Profile {
        var profile = Profile()
        for key in table.keys.sorted() {
            let value = table[key]
            switch key {
            case "url": profile.url = try string(value, key: key, table: name)
            case "db": profile.db = try string(value, key: key, table: name)
            case "token_file": profile.tokenFile = try string(value, key: key, table: name)
            case "ca_file": profile.caFile = try string(value, key: key, table: name)
            case "account":
                guard let account = value?.int, AccountID.isValid(Int64(account)) else {
                    throw error(key: key, table: name, AccountID.problem("\(name).account"))
                }
                profile.account = Int64(account)
            case "range":
                profile.range = try choice(value, key: key, table: name)
            case "refresh":
                profile.refresh = try seconds(value, key: key, table: name, RefreshLimits.self)
            case "color":
                profile.color = try choice(value, key: key, table: name)
            case "statement_timeout":
                profile.statementTimeout = try seconds(value, key: key, table: name, StatementTimeoutLimits.self)
            case "timezone":
                let zone = try string(value, key: key, table: name)
                guard LocalCalendar(zoneNamed: zone) != nil else {
                    throw error(key: key, table: name, "\(name).timezone: " + LocalCalendar.unknownZoneMessage(zone))
                }
                profile.timezone = zone
            case "web_url":
                let text = try string(value, key: key, table: name)
                do {
                    profile.webURL = try WebAddress(text)
                } catch {
                    throw self.error(key: key, table: name, "\(name).web_url \(error.reason)")
                }
            default:
                throw error(key: key, table: name, "unknown key '\(key)' in [\(name)] (known keys: "
                            + Self.profileKeys.joined(separator: ", ") + ")")
            }
        }
        if profile.url != nil, profile.db != nil {
            throw error(key: nil, table: name, "[\(name)] has both url and db; a profile reads one source")
        }
        if profile.caFile != nil, profile.url == nil {
            throw error(key: "ca_file", table: name, "\(name).ca_file goes with a url = \"https://…\" in the same profile")
        }
        let readsPostgres = profile.db.map { if case .postgres = DatabaseLocation($0) { true } else { false } } ?? false
        if profile.statementTimeout != nil, !readsPostgres {
            throw error(key: "statement_timeout", table: name,
                        "\(name).statement_timeout goes with a PostgreSQL db = \"postgres://…\"")
        }
        return profile
    }

    /// A number of seconds within a setting's limits. TOML keeps 30 and 30.0 apart; both mean seconds here.
    func seconds<Limits: SecondsLimits>(_ value: (any TOMLValueConvertible)?, key: String, table: String,
                                        _ limits: Limits.Type) throws(ConfigError) -> Double {
        guard let seconds = value?.double ?? value?.int.map(Double.init), let valid = Limits.validated(seconds) else {
            throw error(key: key, table: table, "\(table).\(key) must be a number of seconds, \(Limits.described)")
        }
        return valid
    }

    func string(_ value: (any TOMLValueConvertible)?, key: String, table: String?) throws(ConfigError) -> String {
        guard let text = value?.string else {
            let shown = table.map { "\($0).\(key)" } ?? key
            throw error(key: key, table: table, "\(shown) must be a string (in quotes)")
        }
        return text
    }

    /// One of a fixed set of words (a range preset, a colour mode); the error lists them.
    func choice<Choice: CaseIterable & RawRepresentable>(_ value: (any TOMLValueConvertible)?, key: String,
                                                         table: String) throws(ConfigError) -> Choice
        where Choice.RawValue == String {
        guard let chosen = Choice(rawValue: try string(value, key: key, table: table)) else {
            throw error(key: key, table: table, "\(table).\(key) must be one of "
                        + Choice.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return chosen
    }

    func error(key: String?, table: String?, _ problem: String) -> ConfigError {
        ConfigError(file: file, line: lines.line(of: key, inTable: table), problem: problem)
    }
}
