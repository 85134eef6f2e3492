import ChanstatCore

/// The one place where precedence is decided: flags > environment > profile > defaults.
///
/// Environment variables read here: `CHANSTAT_PROFILE` (the profile, when `--profile` is not given),
/// `CHATWOOT_API_TOKEN` (the token: beats a profile's `token_file`, loses to `--token-file`), `NO_COLOR`
/// (no colours: beats a profile's `color`, loses to `--color`), `XDG_CONFIG_HOME` and `HOME` (where the file is).
///
/// `TZ` is not read here: it is the default time zone (the process's local one), below a profile's
/// `timezone`, because it is usually set for a whole box or container (often to UTC) rather than by the
/// person asking; `--timezone` is the one-off override.
public enum SettingsResolver {
    public static let profileVariable = "CHANSTAT_PROFILE"
    public static let tokenVariable = "CHATWOOT_API_TOKEN"

    /// Reads the config file named by the environment (if it exists) and resolves.
    public static func resolve(_ flags: CommandLineSettings, environment: [String: String]) throws -> Settings {
        let path = ConfigFile.path(environment: environment)
        let document = try path.flatMap { path throws(ConfigError) in try ConfigFile.load(path: path) }
        return try resolve(flags, environment: environment, config: document, configPath: path)
    }

    /// The pure part: no file system, so every row of the precedence table can be tested directly.
    public static func resolve(_ flags: CommandLineSettings, environment: [String: String],
                               config: ConfigDocument?, configPath: String?) throws -> Settings {
        let (profileName, profile) = try chooseProfile(flags, environment: environment, config: config,
                                                       configPath: configPath)
        let source = try chooseSource(flags, profile: profile, profileName: profileName, environment: environment)
        let isServer = if case .server = source { true } else { false }
        let noColor = NoColor.isRequested(in: environment)
        return Settings(
            source: source,
            rangePreset: flags.range ?? profile.range ?? .standard,
            refreshSeconds: flags.refresh ?? profile.refresh
                ?? (isServer ? RefreshLimits.defaultForServer : RefreshLimits.defaultForFile),
            // `auto` means "if the terminal has colours and NO_COLOR does not say no": decided here, once.
            color: Self.color(flags.color ?? (noColor ? .never : nil) ?? profile.color ?? .auto, noColor: noColor),
            statementTimeoutSeconds: flags.statementTimeout ?? profile.statementTimeout ?? StatementTimeoutLimits.defaultSeconds,
            profileName: profileName,
            timeZone: flags.timeZone ?? profile.timezone,
            webAddress: try webAddress(flags, profile: profile, source: source))
    }

    /// `--web-url`, else the profile's `web_url` when the source is the profile's (a source named by flags is
    /// another Chatwoot's, as for the account), else the server's own address (the HTTP source).
    static func webAddress(_ flags: CommandLineSettings, profile: Profile, source: SourceSetting) throws -> WebAddress? {
        if let text = flags.webURL {
            do { return try WebAddress(text) } catch { throw SettingsError(message: "--web-url \(error.reason)") }
        }
        if flags.db == nil, flags.url == nil, !flags.demo, let web = profile.webURL { return web }
        if case let .server(url, _, _, _, _) = source { return try? WebAddress(url) }
        return nil
    }

    static func color(_ mode: ColorMode, noColor: Bool) -> ColorMode {
        mode == .auto && noColor ? .never : mode
    }

    /// `--profile`, else `$CHANSTAT_PROFILE`, else the file's `default_profile`; a named profile must exist.
    static func chooseProfile(_ flags: CommandLineSettings, environment: [String: String],
                              config: ConfigDocument?, configPath: String?) throws -> (String?, Profile) {
        let fromEnvironment = environment[profileVariable].flatMap { $0.isEmpty ? nil : $0 }
        guard let name = flags.profile ?? fromEnvironment ?? config?.defaultProfile else { return (nil, Profile()) }
        let file = configPath ?? "the config file ($XDG_CONFIG_HOME or $HOME is not set)"
        guard let config else {
            throw ConfigError(file: file, line: nil, problem: "profile '\(name)' asked for, but there is no such file")
        }
        guard let profile = config.profiles[name] else {
            let known = config.profiles.keys.sorted()
            throw ConfigError(file: file, line: nil, problem: "no profile '\(name)'; "
                              + (known.isEmpty ? "the file defines none" : "it has " + known.joined(separator: ", ")))
        }
        return (name, profile)
    }

    /// A source is taken whole from one place: when the flags name one (`--db` or `--url`), the profile's
    /// url, db, token file and CA file are ignored, so a profile's token never goes to a server the flags chose
    /// (and its CA vouches for no other server). `--ca-file` goes with either server.
    static func chooseSource(_ flags: CommandLineSettings, profile: Profile, profileName: String?,
                             environment: [String: String]) throws -> SourceSetting {
        let source: SourceSetting
        if flags.demo {
            guard flags.url == nil, flags.db == nil else {
                throw SettingsError(message: "--demo reads the built-in demo data: use it without --db or --url")
            }
            source = .demo(account: flags.account)
        } else if let url = flags.url {
            guard let account = flags.account else { throw SettingsError(message: "--url needs --account ID") }
            source = .server(url: url, account: account, tokenFile: flags.tokenFile, insecureHTTP: flags.insecureHTTP,
                             caFile: flags.caFile)
        } else if let db = flags.db {
            source = database(db, account: flags.account, environment: environment, expandHome: false)
        } else if let url = profile.url {
            guard let account = flags.account ?? profile.account else {
                throw SettingsError(message: "profile '\(profileName ?? "")' has a url but no account: "
                                    + "add account = ID to it, or give --account ID")
            }
            let tokenFromEnvironment = environment[tokenVariable] != nil
            let tokenFile = flags.tokenFile
                ?? (tokenFromEnvironment ? nil : profile.tokenFile.map { ConfigFile.expandingHome($0, environment: environment) })
            let caFile = flags.caFile ?? profile.caFile.map { ConfigFile.expandingHome($0, environment: environment) }
            source = .server(url: url, account: account, tokenFile: tokenFile, insecureHTTP: flags.insecureHTTP,
                             caFile: caFile)
        } else if let db = profile.db {
            source = database(db, account: flags.account ?? profile.account, environment: environment, expandHome: true)
        } else {
            source = .demo(account: flags.account)
        }
        if case .server = source {} else if flags.tokenFile != nil || flags.insecureHTTP || flags.caFile != nil {
            throw SettingsError(message: "--token-file, --ca-file and --insecure-http go with --url (or a profile's url)")
        }
        if case .postgres = source {} else if flags.statementTimeout != nil {
            throw SettingsError(message: "--statement-timeout goes with a PostgreSQL --db postgres://… (or a profile's)")
        }
        return source
    }

    /// `db` names a file (a profile's may start with ~) or a PostgreSQL URL (never expanded).
    static func database(_ text: String, account: Int64?, environment: [String: String], expandHome: Bool) -> SourceSetting {
        switch DatabaseLocation(text) {
        case .postgres(let url): return .postgres(url: url, account: account)
        case .sqliteFile(let path):
            return .file(path: expandHome ? ConfigFile.expandingHome(path, environment: environment) : path, account: account)
        }
    }
}
