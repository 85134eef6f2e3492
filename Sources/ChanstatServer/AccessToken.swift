import ChanstatCore
import Foundation
import Hummingbird

/// The caller's token and what it may do.
enum AccessToken {
    /// Chatwoot's header, and the hyphenated spelling that proxies dropping underscored names let through.
    /// Lower case: header names compare case-insensitively, and `canonicalName` is the lower-cased name.
    static let headerNames = ["api_access_token", "api-access-token"]

    /// `Authorization: Bearer TOKEN` (RFC 6750), the way Prometheus sends a scrape's `authorization` credentials.
    static let bearerScheme = "bearer "

    static func from(_ headers: HTTPFields) -> String? {
        for name in headerNames {
            for field in headers where field.name.canonicalName == name {
                let value = field.value.trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { return value }
            }
        }
        for field in headers where field.name == .authorization {
            let value = field.value.trimmingCharacters(in: .whitespaces)
            guard value.lowercased().hasPrefix(bearerScheme) else { continue }
            let token = value.dropFirst(bearerScheme.count).trimmingCharacters(in: .whitespaces)
            if !token.isEmpty { return token }
        }
        return nil
    }

    /// The answer for a refusal, nil when the caller may read the account.
    static func refusal(_ decision: AccessDecision, accountText: String) -> APIError? {
        switch decision {
        case .allowed: return nil
        case .unknownToken: return .unknownToken
        case .unknownAccount: return .unknownAccount(accountText)
        case .bot: return .botToken
        case .notMember: return .notMember
        case .notAdministrator: return .notAdministrator
        case .suspendedAccount: return .suspendedAccount
        }
    }
}
