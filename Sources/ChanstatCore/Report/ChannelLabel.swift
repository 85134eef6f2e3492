/// The human label of a channel type (the labels table of docs/report.md), already safe to print.
public enum ChannelLabel {
    private static let known: [String: String] = [
        "Channel::WebWidget": "Website",
        "Channel::Email": "Email",
        "Channel::Sms": "SMS",
        "Channel::TwilioSms": "Twilio SMS",
        "Channel::Whatsapp": "WhatsApp",
        "Channel::Api": "API",
        "Channel::FacebookPage": "Messenger",
        "Channel::Instagram": "Instagram",
        "Channel::TwitterProfile": "Twitter",
        "Channel::Telegram": "Telegram",
        "Channel::Line": "Line",
        "Channel::Tiktok": "TikTok",
        "Channel::Voice": "Voice",
    ]

    /// Labels are cut at this many characters: a table column, not a paragraph.
    public static let maximumCharacters = 60

    public static func label(for channelType: String) -> String {
        if let label = known[channelType] { return label }
        let prefix = "Channel::"
        var rest = channelType.hasPrefix(prefix) ? String(channelType.dropFirst(prefix.count)) : channelType
        if rest.isEmpty { rest = channelType }
        let safe = TerminalSafeText.sanitize(rest, maxCharacters: maximumCharacters)
        return safe.isEmpty ? "(unnamed)" : safe
    }
}
