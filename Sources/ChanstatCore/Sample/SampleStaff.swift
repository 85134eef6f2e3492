import Foundation

/// A team of one account. A team that was deleted has no row in `teams`, but the conversations it held keep its
/// id, as in a Chatwoot where a team was removed after the fact.
public struct SampleTeam: Sendable, Equatable {
    public let id: Int64
    public let accountID: Int64
    public let name: String
    /// Conversations created from this instant on never get the team; nil for a team that still exists.
    public let deletedAt: Int64?
}

/// An agent of one account that conversations are assigned to (a Chatwoot user with role 0). A deleted one has
/// no `users` or `account_users` row, but stays the assignee of the conversations it had.
public struct SampleAgent: Sendable, Equatable {
    public let id: Int64
    public let accountID: Int64
    public let name: String
    /// Chatwoot's `users.display_name`: some set, some empty text, some NULL, as real users leave it.
    public let displayName: String?
    public let email: String
    public let deletedAt: Int64?
    /// How much of the account's work this agent gets: loads are unequal.
    let weight: Double
}

/// A tag, shared by every account (acts-as-taggable-on's `tags` is one table with unique names): a label is a tag
/// with a tagging whose type is 'Conversation' and whose context is 'labels'.
public struct SampleTag: Sendable, Equatable {
    public let id: Int64
    public let name: String
}

/// Who works in each account and with which labels: drawn once, before any conversation, from the plan's
/// second random sequence (`SampleDetail`), so that adding them changed none of the conversations' statuses.
struct SampleStaff {
    static let teamNames = ["Support", "Billing", "Sales", "Technical", "Onboarding", "Escalations", "Partners",
                            "Returns"]
    static let agentNames = ["Maria Garcia", "James Chen", "Aisha Khan", "Lukas Becker", "Sofia Rossi",
                             "Kenji Tanaka", "Olivia Brown", "Mateo Silva", "Priya Patel", "Noah Kim", "Emma Dubois",
                             "Ahmed Hassan", "Ingrid Larsen", "Diego Torres", "Chloe Martin", "Yusuf Demir"]
    /// Conversation labels, most used first.
    static let labelNames = ["billing", "bug", "feature-request", "refund", "shipping", "account", "urgent", "vip",
                             "feedback", "integration", "onboarding", "spam"]
    /// Tags that only other taggings use (a contact's label, a conversation's plain tag): never a conversation's
    /// label, so a query that forgets the type or the context shows them.
    static let contactLabel = "lead"
    static let plainTag = "newsletter"
    /// Conversations created within this many seconds of the end never get a deleted team or agent.
    static let deletedBeforeEnd: Int64 = 14 * 86_400

    let teams: [SampleTeam]
    let agents: [SampleAgent]
    let tags: [SampleTag]
    /// Per account (index 0 is account 1): the teams, agents and label tags to draw from, as cumulative
    /// weights with the entries they pick; `…Before` also hold the deleted team or agent.
    let teamChoice: [Choice]
    let teamChoiceBefore: [Choice]
    let agentChoice: [Choice]
    let agentChoiceBefore: [Choice]
    let labelChoice: [Choice]
    let deletedAt: Int64
    let contactLabelTag: Int64
    let plainTagTag: Int64

    struct Choice {
        let cumulative: [Double]
        let ids: [Int64]
    }

    /// `firstUserID`: agents are numbered after the users that hold the tokens.
    init(accounts: Int, endInstant: Int64, firstUserID: Int64, random: inout SplitMix64) {
        deletedAt = endInstant - Self.deletedBeforeEnd
        var tags: [SampleTag] = []
        for name in Self.labelNames + [Self.contactLabel, Self.plainTag] {
            tags.append(SampleTag(id: Int64(tags.count + 1), name: name))
        }
        contactLabelTag = Int64(Self.labelNames.count + 1)
        plainTagTag = contactLabelTag + 1
        var teams: [SampleTeam] = [], agents: [SampleAgent] = []
        var teamChoice: [Choice] = [], teamChoiceBefore: [Choice] = []
        var agentChoice: [Choice] = [], agentChoiceBefore: [Choice] = []
        var labelChoice: [Choice] = []
        for account in 0..<accounts {
            let accountID = Int64(account + 1)
            // A few live teams and one deleted, their names rotated so that accounts differ.
            let teamCount = 3 + Int(random.next() % 3)
            var live: [(Int64, Double)] = [], all: [(Int64, Double)] = []
            for position in 0...teamCount {
                let deleted = position == teamCount
                let name = Self.teamNames[(account + position) % Self.teamNames.count]
                let team = SampleTeam(id: Int64(teams.count + 1), accountID: accountID,
                                      name: deleted ? name + " (old)" : name, deletedAt: deleted ? deletedAt : nil)
                teams.append(team)
                let weight = (deleted ? 0.25 : 1.0 / Double(position + 1)) * (0.6 + random.unit())
                all.append((team.id, weight))
                if !deleted { live.append((team.id, weight)) }
            }
            teamChoice.append(Choice(live))
            teamChoiceBefore.append(Choice(all))
            // Several agents with unequal loads (the first ones get most), and one deleted.
            let agentCount = 4 + Int(random.next() % 4)
            var liveAgents: [(Int64, Double)] = [], allAgents: [(Int64, Double)] = []
            for position in 0...agentCount {
                let deleted = position == agentCount
                // Each account its own people; past the list, the names come round again with a number.
                let round = agents.count / Self.agentNames.count
                let name = Self.agentNames[agents.count % Self.agentNames.count] + (round == 0 ? "" : " \(round + 1)")
                let id = firstUserID + Int64(agents.count)
                let displayName: String?
                switch position % 3 {
                case 0: displayName = String(name.split(separator: " ")[0])
                case 1: displayName = ""
                default: displayName = nil
                }
                let weight = pow(Double(position + 1), -1.5) * (0.7 + 0.6 * random.unit())
                agents.append(SampleAgent(id: id, accountID: accountID, name: name, displayName: displayName,
                                          email: "user\(id)@example.com", deletedAt: deleted ? deletedAt : nil,
                                          weight: weight))
                allAgents.append((id, deleted ? 0.15 : weight))
                if !deleted { liveAgents.append((id, weight)) }
            }
            agentChoice.append(Choice(liveAgents))
            agentChoiceBefore.append(Choice(allAgents))
            // A few labels per account: the common ones, and a random share of the rest.
            var labels: [(Int64, Double)] = []
            for (position, tag) in tags.prefix(Self.labelNames.count).enumerated()
            where position < 3 || random.unit() < 0.5 {
                labels.append((tag.id, 1.0 / Double(position + 2)))
            }
            labelChoice.append(Choice(labels))
        }
        self.teams = teams
        self.agents = agents
        self.tags = tags
        self.teamChoice = teamChoice
        self.teamChoiceBefore = teamChoiceBefore
        self.agentChoice = agentChoice
        self.agentChoiceBefore = agentChoiceBefore
        self.labelChoice = labelChoice
    }
}

extension SampleStaff.Choice {
    init(_ weighted: [(id: Int64, weight: Double)]) {
        self.init(cumulative: weighted.map(\.weight).cumulativeSums, ids: weighted.map(\.id))
    }

    func pick(_ random: inout SplitMix64) -> Int64 { ids[random.pick(cumulative: cumulative)] }
}
