import Foundation

/// What `chanstat sample` writes, decided before anything is written: accounts, their inboxes, how many
/// conversations each day gets, and how status depends on age. Pure, so it is cheap to test.
public struct SampleOptions: Sendable, Equatable {
    public var conversations: Int
    public var accounts: Int
    public var days: Int
    /// Conversations are created before this instant (the end of the `--end` day).
    public var endInstant: Int64
    public var seed: UInt64
    public var timestampForm: TimestampForm

    public init(conversations: Int = 50_000, accounts: Int = 3, days: Int = 365, endInstant: Int64,
                seed: UInt64 = 1, timestampForm: TimestampForm = .unixSeconds) {
        self.conversations = conversations
        self.accounts = accounts
        self.days = days
        self.endInstant = endInstant
        self.seed = seed
        self.timestampForm = timestampForm
    }
}

public struct SampleInbox: Equatable, Sendable {
    public let id: Int64
    public let accountID: Int64
    public let name: String
    public let channelType: String
    let weight: Double
}

/// A user and token that `sample` created, printed so that `serve` can be tried at once.
public struct SampleCredential: Sendable, Equatable {
    public let accountID: Int64
    public let accountName: String
    public let role: String
    public let token: String
}

/// One user of the sample data: an administrator or an agent of one account, with an access token.
public struct SampleUser: Sendable, Equatable {
    public let id: Int64
    public let accountID: Int64
    public let name: String
    public let email: String
    /// Chatwoot's `account_users.role`: 0 agent, 1 administrator.
    public let roleCode: Int
    public let token: String
}

/// Everything `sample` writes, whatever the database: the SQLite and PostgreSQL writers only store these rows,
/// so the same options and seed give the same data in both (and the same reports).
public struct SamplePlan {
    static let accountNames = ["Acme Support", "Globex Helpdesk", "Initech Care", "Umbrella Service",
                               "Hooli Success", "Stark Assist", "Wayne Customer Care", "Soylent Desk"]

    /// Channel types with a typical share of volume; the first two are always present.
    static let catalogue: [(channelType: String, name: String, weight: Double)] = [
        ("Channel::WebWidget", "Website", 30), ("Channel::Email", "Support email", 20),
        ("Channel::Whatsapp", "WhatsApp Business", 14), ("Channel::WebWidget", "Help center widget", 8),
        ("Channel::Email", "Billing email", 6), ("Channel::FacebookPage", "Facebook page", 6),
        ("Channel::Api", "Mobile app", 6), ("Channel::Instagram", "Instagram", 5),
        ("Channel::Sms", "SMS", 3), ("Channel::TwilioSms", "Twilio SMS", 3), ("Channel::Telegram", "Telegram", 2),
        ("Channel::Voice", "Phone", 2), ("Channel::Line", "LINE", 1), ("Channel::TwitterProfile", "Twitter", 1),
        ("Channel::Tiktok", "TikTok", 1),
    ]

    public let options: SampleOptions
    public let accountNames: [String]
    let accountWeights: [Double]
    public let inboxes: [SampleInbox]
    /// Per account, the cumulative weights of its inboxes and their indexes in `inboxes`.
    let inboxChoice: [(cumulative: [Double], inboxIndexes: [Int])]
    /// The one random sequence, drawn in a fixed order (plan, users, conversations): the seed decides all.
    private var random: SplitMix64
    private let accountChoice: [Double]
    /// Teams, agents, labels and the queue's columns, from a random sequence of their own.
    private var detail: SampleDetail
    /// Conversations per day, drawn when the first day is asked for; `nextDay` is the day to give next.
    private var dayCounts: [Int]?
    private var nextDay = 0

    public init(options: SampleOptions) {
        var random = SplitMix64(seed: options.seed)
        self.init(options: options, random: &random)
        self.random = random
    }

    private init(options: SampleOptions, random: inout SplitMix64) {
        self.options = options
        let count = max(1, options.accounts)
        accountNames = (0..<count).map { index in
            let base = Self.accountNames[index % Self.accountNames.count]
            return index < Self.accountNames.count ? base : "\(base) \(index / Self.accountNames.count + 1)"
        }
        // Larger first accounts, as in a real multi-tenant install.
        accountWeights = (0..<count).map { 1.0 / Double($0 + 1) }
        var inboxes: [SampleInbox] = []
        var choice: [(cumulative: [Double], inboxIndexes: [Int])] = []
        for account in 0..<count {
            var indexes: [Int] = []
            for (position, entry) in Self.catalogue.enumerated() {
                // The first account has every channel; others have the two basics and a random share of the rest.
                guard account == 0 || position < 2 || random.unit() < 0.55 else { continue }
                indexes.append(inboxes.count)
                inboxes.append(SampleInbox(id: Int64(inboxes.count + 1), accountID: Int64(account + 1),
                                           name: entry.name, channelType: entry.channelType,
                                           weight: entry.weight * (0.5 + random.unit())))
            }
            choice.append((indexes.map { inboxes[$0].weight }.cumulativeSums, indexes))
        }
        self.inboxes = inboxes
        inboxChoice = choice
        accountChoice = accountWeights.cumulativeSums
        // The agents are users numbered after the administrator and agent that hold each account's tokens.
        detail = SampleDetail(options: options, accounts: count, firstAgentID: Int64(2 * count + 1))
        self.random = random
    }

    /// Every team, live or deleted (a deleted one has no `teams` row; its conversations keep its id).
    public var teams: [SampleTeam] { detail.staff.teams }
    /// The agents conversations are assigned to, live or deleted (no `users` row).
    public var agents: [SampleAgent] { detail.staff.agents }
    public var tags: [SampleTag] { detail.staff.tags }

    /// One administrator and one agent per account, each with a token, and the token of one agent bot
    /// (owner 1), which `serve` must refuse. Draw these before the conversations.
    public mutating func users() -> (users: [SampleUser], botToken: String) {
        var users: [SampleUser] = []
        for (index, accountName) in accountNames.enumerated() {
            for (role, code) in [("administrator", 1), ("agent", 0)] {
                users.append(SampleUser(id: Int64(users.count + 1), accountID: Int64(index + 1),
                                        name: "\(accountName) \(role)", email: "\(role)\(index + 1)@example.com",
                                        roleCode: code, token: Self.makeToken(&random)))
            }
        }
        return (users, Self.makeToken(&random))
    }

    /// What `sample` prints: every user's token, then the bot's.
    public func credentials(users: [SampleUser], botToken: String) -> [SampleCredential] {
        users.map { user in
            SampleCredential(accountID: user.accountID, accountName: accountNames[Int(user.accountID - 1)],
                             role: user.roleCode == 1 ? "administrator" : "agent", token: user.token)
        } + [SampleCredential(accountID: 1, accountName: accountNames[0], role: "bot", token: botToken)]
    }

    /// 24 letters and digits, the shape of Chatwoot's tokens.
    private static func makeToken(_ random: inout SplitMix64) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<24).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }

    /// Every conversation, oldest first; `body` is called millions of times, so it gets a value, not an
    /// allocation.
    public mutating func forEachConversation(_ body: (SampleConversation) throws -> Void) rethrows {
        while try nextDayOfConversations(body) {}
    }

    /// The conversations of the next day, so that a writer can send what it has between days (an async
    /// COPY); false once every day has been given.
    public mutating func nextDayOfConversations(_ body: (SampleConversation) throws -> Void) rethrows -> Bool {
        if dayCounts == nil { dayCounts = conversationsPerDay(random: &random) }
        guard let counts = dayCounts, nextDay < counts.count else { return false }
        let firstDayStart = ((options.endInstant - 1).floorDivided(by: 86_400) - Int64(options.days - 1)) * 86_400
        let dayStart = firstDayStart + Int64(nextDay) * 86_400
        var seconds = (0..<counts[nextDay]).map { _ in dayStart + secondOfDay(random: &random) }
        seconds.sort()
        nextDay += 1
        for createdAt in seconds where createdAt < options.endInstant {
            let account = random.pick(cumulative: accountChoice)
            let (cumulative, indexes) = inboxChoice[account]
            let inbox = inboxes[indexes[random.pick(cumulative: cumulative)]]
            let status = status(ageSeconds: options.endInstant - createdAt, random: &random)
            try body(detail.conversation(account: account, inboxID: inbox.id, status: status, createdAt: createdAt))
        }
        return true
    }

    /// How many conversations each day gets (index 0 is the oldest day): growing over time, quieter at
    /// weekends, with day-to-day noise. Largest-remainder rounding makes them add up to the total exactly.
    func conversationsPerDay(random: inout SplitMix64) -> [Int] {
        let days = max(1, options.days)
        let lastDay = Int((options.endInstant - 1).floorDivided(by: 86_400))
        let weights: [Double] = (0..<days).map { index in
            let dayNumber = lastDay - (days - 1 - index)
            let weekday = ((dayNumber % 7) + 11) % 7  // 0 Monday … 6 Sunday (1970-01-01 was a Thursday)
            let weekend = weekday >= 5 ? 0.55 : 1.0
            let growth = 0.6 + 0.4 * Double(index) / Double(days)
            return weekend * growth * (0.85 + 0.3 * random.unit())
        }
        let total = weights.reduce(0, +)
        let exact = weights.map { $0 / total * Double(options.conversations) }
        var counts = exact.map { Int($0.rounded(.down)) }
        let short = options.conversations - counts.reduce(0, +)
        let byRemainder = exact.indices.sorted { exact[$0] - Double(counts[$0]) > exact[$1] - Double(counts[$1]) }
        for index in byRemainder.prefix(short) { counts[index] += 1 }
        return counts
    }

    /// Seconds into a day, busier in working hours (UTC, as good as any for a demo).
    static let hourWeights: [Double] = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 10, 9, 10, 10, 9, 8, 6, 5, 4, 3, 2, 2, 1]
        .cumulativeSums

    func secondOfDay(random: inout SplitMix64) -> Int64 {
        Int64(random.pick(cumulative: Self.hourWeights) * 3600) + Int64(random.unit() * 3600)
    }

    /// Status by age: recent conversations are mostly still open or pending, old ones mostly resolved.
    func status(ageSeconds: Int64, random: inout SplitMix64) -> ConversationStatus {
        let ageDays = Double(max(0, ageSeconds)) / 86_400
        let unresolved = 0.03 + 0.72 * exp(-ageDays / 3)
        let draw = random.unit()
        guard draw < unresolved else { return .resolved }
        let share = draw / unresolved
        return share < 0.55 ? .open : share < 0.8 ? .pending : .snoozed
    }
}

extension Int64 {
    public func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
