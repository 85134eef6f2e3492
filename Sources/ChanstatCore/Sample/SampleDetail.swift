import Foundation

/// Who holds each conversation and where it stands now: team, assignee, labels, the first reply and the
/// customer's wait (SPEC 10 and 11). Drawn from a random sequence of its own, so that the sequence that decides
/// dates, inboxes and statuses is the one it always was: the same seed gives the same report as before these
/// columns existed.
struct SampleDetail {
    let staff: SampleStaff
    /// The instant the queue is seen from: the sample's end (now, for the built-in demo).
    let end: Int64
    private var random: SplitMix64
    private var lastID: Int64 = 0
    private var lastDisplayID: [Int64]

    init(options: SampleOptions, accounts: Int, firstAgentID: Int64) {
        // Another seed, derived from the plan's: the two sequences never share draws.
        random = SplitMix64(seed: options.seed ^ 0x5DEE_CE66_D1CE_4E5B)
        end = options.endInstant
        staff = SampleStaff(accounts: accounts, endInstant: options.endInstant, firstUserID: firstAgentID,
                            random: &random)
        lastDisplayID = Array(repeating: 0, count: accounts)
    }

    /// The whole conversation, given what the plan drew for it.
    mutating func conversation(account: Int, inboxID: Int64, status: ConversationStatus,
                               createdAt: Int64) -> SampleConversation {
        lastID += 1
        lastDisplayID[account] += 1
        let beforeDeletion = createdAt < staff.deletedAt
        // One in five has no team; unassigned is common while open and rare once resolved.
        let teamID = random.unit() < 0.2 ? nil
            : (beforeDeletion ? staff.teamChoiceBefore : staff.teamChoice)[account].pick(&random)
        let unassigned: Double = switch status {
        case .open: 0.3
        case .pending: 0.2
        case .snoozed: 0.1
        case .resolved: 0.06
        }
        let assigneeID = random.unit() < unassigned ? nil
            : (beforeDeletion ? staff.agentChoiceBefore : staff.agentChoice)[account].pick(&random)
        let (firstReplyAt, waitingSince) = replyAndWait(status: status, createdAt: createdAt)
        return SampleConversation(id: lastID, accountID: Int64(account + 1), displayID: lastDisplayID[account],
                                  inboxID: inboxID, status: status, createdAt: createdAt, teamID: teamID,
                                  assigneeID: assigneeID, firstReplyAt: firstReplyAt, waitingSince: waitingSince,
                                  labels: labels(account: account), otherTagging: otherTagging(id: lastID))
    }

    /// 0 to 3 labels: most conversations have none or one.
    private mutating func labels(account: Int) -> SampleLabels {
        let draw = random.unit()
        let wanted = draw < 0.4 ? 0 : draw < 0.75 ? 1 : draw < 0.92 ? 2 : 3
        var labels = SampleLabels()
        // Distinct ones; a few tries are plenty (every account has at least three labels).
        for _ in 0..<(wanted * 4) where labels.count < wanted {
            labels.insert(staff.labelChoice[account].pick(&random))
        }
        return labels
    }

    /// One conversation in a hundred shares its id with a tagging that is not its label.
    private mutating func otherTagging(id: Int64) -> SampleTagging? {
        let draw = random.unit()
        if draw < 0.005 {
            return SampleTagging(tagID: staff.contactLabelTag, taggableType: "Contact", taggableID: id, context: "labels")
        }
        if draw < 0.01 {
            return SampleTagging(tagID: staff.plainTagTag, taggableType: "Conversation", taggableID: id, context: "tags")
        }
        return nil
    }

    /// `first_reply_created_at` and `waiting_since`, both before the end. An open conversation is either never
    /// answered (waiting since it was created: most of the newest ones, a few old forgotten ones), answered and
    /// waiting again (for a minute to three weeks), or answered and waiting on the customer. A few pending, snoozed
    /// and resolved ones keep a `waiting_since` too, which the queue must not count.
    private mutating func replyAndWait(status: ConversationStatus, createdAt: Int64) -> (Int64?, Int64?) {
        let age = end - createdAt
        guard age > 1 else { return status == .open ? (nil, createdAt) : (nil, nil) }
        let neverAnswered: Double = switch status {
        case .open: 0.04 + 0.5 * exp(-Double(age) / 172_800)
        case .pending, .snoozed: 0.1
        case .resolved: 0.05
        }
        if random.unit() < neverAnswered {
            switch status {
            case .open: return (nil, createdAt)
            case .pending, .snoozed: return (nil, random.unit() < 0.1 ? createdAt : nil)
            case .resolved: return (nil, nil)
            }
        }
        let firstReplyAt = createdAt + min(logUniform(30, 6 * 3_600), age - 1)
        let waitsAgain: Double = switch status {
        case .open: 0.4
        case .pending, .snoozed: 0.1
        case .resolved: 0.01
        }
        guard random.unit() < waitsAgain, end - firstReplyAt > 2 else { return (firstReplyAt, nil) }
        let wait = min(logUniform(60, 21 * 86_400), end - firstReplyAt - 1)
        return (firstReplyAt, end - wait)
    }

    /// Whole seconds in [low, high), evenly spread on a log scale: as many waits of minutes as of days.
    private mutating func logUniform(_ low: Double, _ high: Double) -> Int64 {
        Int64(exp(log(low) + random.unit() * (log(high) - log(low))))
    }
}
