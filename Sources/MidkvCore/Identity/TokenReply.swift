import Foundation
import MidkvSupport

/// Reads the token replies of Entra ID, IMDS and App Service.
///
/// `expires_in` may be a number or a decimal string; `expires_on` may be Unix seconds (number
/// or string) or a date string such as `05/22/2021 17:14:33 +00:00`. `refresh_in` is optional.
enum TokenReply {
    /// The token in `reply`, or `nil` when it has no `access_token` or no usable expiry.
    static func token(from reply: JSONObject, now: Date) -> AccessToken? {
        guard let value = reply.string("access_token"), !value.isEmpty,
            let expiresOn = expiry(in: reply, now: now)
        else {
            return nil
        }

        let refreshOn = reply.number("refresh_in").map { now.addingTimeInterval($0) }
        let type = reply.string("token_type") ?? "Bearer"
        return AccessToken(token: Secret(value), expiresOn: expiresOn, refreshOn: refreshOn, tokenType: type)
    }

    /// The expiry named by `expires_in`, else by `expires_on`.
    static func expiry(in reply: JSONObject, now: Date) -> Date? {
        if let seconds = reply.number("expires_in") {
            return now.addingTimeInterval(seconds)
        }
        if let seconds = reply.number("expires_on") {
            return Date(timeIntervalSince1970: seconds)
        }
        return reply.string("expires_on").flatMap(date(from:))
    }

    /// Parses the date strings managed identity endpoints have been seen to send.
    static func date(from text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")

        for format in dateFormats {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) {
                return date
            }
        }
        return try? Date(trimmed, strategy: .iso8601)
    }

    private static let dateFormats = [
        "MM/dd/yyyy HH:mm:ss xxx",
        "MM/dd/yyyy HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss xxx",
        "yyyy-MM-dd HH:mm:ss",
    ]
}
