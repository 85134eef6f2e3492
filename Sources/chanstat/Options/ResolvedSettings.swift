import ChanstatConfig
import ChanstatCore
import ChanstatTerminal
import Foundation

/// Hands the parsed flags to `SettingsResolver`, the one place that applies
/// flags > environment > profile > defaults.
enum ResolvedSettings {
    static func resolve(source: SourceOptions, range: RangeOptions, refresh: Double? = nil,
                        color: ColorMode? = nil, webURL: String? = nil) throws -> Settings {
        var flags = CommandLineSettings()
        flags.profile = source.profile
        flags.db = source.db
        flags.url = source.url
        flags.account = source.account
        flags.tokenFile = source.tokenFile
        flags.caFile = source.caFile
        flags.insecureHTTP = source.insecureHTTP
        flags.demo = source.demo
        flags.statementTimeout = source.statementTimeout
        flags.range = range.range
        flags.refresh = refresh
        flags.color = color
        flags.timeZone = range.timeZoneFlag
        flags.webURL = webURL
        return try SettingsResolver.resolve(flags, environment: ProcessInfo.processInfo.environment)
    }
}
