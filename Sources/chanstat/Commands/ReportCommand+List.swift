import ArgumentParser
import ChanstatConfig
import ChanstatCore
import Foundation

extension ConversationStatus: ExpressibleByArgument {
    public init?(argument: String) {
        guard let status = Self.allCases.first(where: { $0.key == argument }) else { return nil }
        self = status
    }

    public static var allValueStrings: [String] { allCases.map(\.key) }
}

/// `report --list` and its filters (docs/report.md "Lists"): the conversations behind one number.
struct ListOptions: ParsableArguments {
    @Flag(help: "List the conversations behind a number of the report (or of the queue with --now), longest waiting first, instead of counting them.")
    var list = false

    @Option(help: ArgumentHelp("With --list: only this channel type, as the payload names it (Channel::Email).",
                               valueName: "type"))
    var channel: String?

    @Option(help: ArgumentHelp("With --list: only this inbox.", valueName: "id"))
    var inbox: Int64?

    @Option(help: ArgumentHelp("With --list: only this team's conversations, or none for those without a team.",
                               valueName: "id|none"))
    var team: String?

    @Option(help: ArgumentHelp("With --list: only this agent's conversations, or none for the unassigned.",
                               valueName: "id|none"))
    var agent: String?

    @Option(help: ArgumentHelp("With --list: only conversations with this label, or none for those without one.",
                               valueName: "name|none"))
    var label: String?

    @Option(help: "With --list: only conversations with this status now.")
    var status: ConversationStatus?

    @Flag(help: "With --list --now: only the unattended (open, never answered or waiting again).")
    var unattended = false

    @Flag(help: "With --list --now: only the open ones without an assignee.")
    var unassigned = false

    @Flag(help: "With --list --now: only the open ones whose customer waits for a reply.")
    var waiting = false

    @Option(help: ArgumentHelp("With --list: at most this many conversations, 1 to 1000 (default 50); count says "
                               + "how many there are in all.", valueName: "n"))
    var limit: Int?

    @Option(name: .customLong("web-url"), help: ListOptions.webURLHelp)
    var webURL: String?

    /// `--web-url`, said once for `report --list` and the dashboard's lists (Enter).
    static let webURLHelp = ArgumentHelp(
        "Chatwoot's web address (https://chat.example.com): each listed conversation gets its address there. "
            + "Default: the profile's web_url, or --url.", valueName: "address")

    /// The filter the flags give, checked; `validate` has made sure the ids parse.
    var filter: ConversationFilter {
        var filter = ConversationFilter(channelType: channel, inboxID: inbox, status: status)
        filter.team = team.flatMap { Self.group($0, id: Int64.init) }
        filter.agent = agent.flatMap { Self.group($0, id: Int64.init) }
        filter.label = label.flatMap { Self.group($0, id: { $0 }) }
        if unattended { filter.queueStates.insert(.unattended) }
        if unassigned { filter.queueStates.insert(.unassigned) }
        if waiting { filter.queueStates.insert(.waiting) }
        return filter
    }

    var listLimit: ListLimit { limit.flatMap(ListLimit.init) ?? .standard }

    /// `none` is the none group; anything else must be a value.
    static func group<Value>(_ text: String, id: (String) -> Value?) -> ConversationFilter.Group<Value>? {
        text == "none" ? ConversationFilter.Group.none : id(text).map { .named($0) }
    }

    func validate() throws {
        let filters = channel != nil || inbox != nil || team != nil || agent != nil || label != nil || status != nil
            || unattended || unassigned || waiting || limit != nil
        guard list else {
            if filters {
                throw ValidationError("--limit and the filters (--channel, --inbox, --team, --agent, --label, "
                                      + "--status, --unattended, --unassigned, --waiting) go with --list")
            }
            return
        }
        if let limit, ListLimit(limit) == nil { throw ValidationError(ListLimit.problem) }
        for (flag, value) in [("--team", team), ("--agent", agent)] {
            if let value, Self.group(value, id: Int64.init) == nil {
                throw ValidationError("\(flag) takes an id (a whole number) or none")
            }
        }
        if let label, label.isEmpty { throw ValidationError("--label takes a label's name or none") }
    }
}

/// `report --list` (docs/report.md "Lists").
extension ReportCommand {
    static let listIsNotMetrics = "--list shows conversations, not metrics: use --format table, json or csv"

    /// Why `--list` cannot go with the other options given; nil when it can.
    var listProblem: String? {
        guard lists.list else { return nil }
        if compare { return "--list shows conversations, not counts: use it without --compare" }
        if format == .prometheus { return Self.listIsNotMetrics }
        if givenBreakdown != nil { return "--list takes the group as a filter (--inbox, --team, …), not --by" }
        return lists.filter.problem(queue: now)
    }

    func printList(_ settings: Settings) async throws {
        // Chatwoot's API has no list of a count's conversations: said before a token is read or a request sent.
        if case .server = settings.source { throw ConversationList.needsDatabase }
        // The clock, read once: the range a preset means, and the ages the table shows.
        let clock = Date()
        let choice = try CLIFailure.range { () throws(RangeError) in
            try range.choice(preset: settings.rangePreset, calendar: settings.calendar)
        }
        let dateRange = choice.resolve(now: clock, calendar: settings.calendar)
        let cohort: ListCohort = now ? .queue : .created(dateRange)
        let reportSource = try await SourceOptions.makeSource(settings, calendar: settings.calendar)
        let list = try await reportSource.closing {
            try await reportSource.conversations(matching: lists.filter, in: cohort, limit: lists.listLimit)
        }
        let web = settings.webAddress
        let output: String
        switch format {
        case .json: output = ConversationListJSON.encode(list, web: web) + "\n"
        case .csv: output = ConversationListCSV.render(list, web: web)
        case .prometheus: throw ValidationError(Self.listIsNotMetrics)  // validate() refused it already
        case .table:
            let seconds = Int64(clock.timeIntervalSince1970.rounded(.down))
            let what = now
                ? "The queue now (\(settings.calendar.dateTimeString(at: seconds)) \(settings.calendar.zoneName))"
                : "\(choice.title): \(settings.calendar.describe(dateRange, dash: " to "))"
            let filters = Self.described(lists)
            output = "\(reportSource.displayName)\n\(what)" + (filters.isEmpty ? "" : ", \(filters)") + "\n\n"
                + ConversationListTable.render(list, web: web, now: seconds, bold: Self.boldTable(settings))
        }
        try StandardOutput.write(output)
    }

    /// The filters as the flags that gave them, made safe for a terminal: what the heading says the list is of.
    static func described(_ options: ListOptions) -> String {
        var parts: [String] = []
        if let channel = options.channel { parts.append("--channel \(TerminalSafeText.sanitize(channel, maxCharacters: 40))") }
        if let inbox = options.inbox { parts.append("--inbox \(inbox)") }
        if let team = options.team { parts.append("--team \(TerminalSafeText.sanitize(team, maxCharacters: 20))") }
        if let agent = options.agent { parts.append("--agent \(TerminalSafeText.sanitize(agent, maxCharacters: 20))") }
        if let label = options.label { parts.append("--label \(TerminalSafeText.sanitize(label, maxCharacters: 40))") }
        if let status = options.status { parts.append("--status \(status.key)") }
        for (flag, on) in [("--unattended", options.unattended), ("--unassigned", options.unassigned),
                           ("--waiting", options.waiting)] where on {
            parts.append(flag)
        }
        return parts.joined(separator: " ")
    }
}
