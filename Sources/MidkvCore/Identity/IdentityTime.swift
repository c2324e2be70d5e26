import Foundation

/// Dates and durations as identity messages show them: UTC, to the second, no locale.
enum IdentityTime {
    /// `2026-12-03 09:41:07 UTC`.
    static func text(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }

    /// Parses Entra ID's error timestamp, `2021-11-17 23:25:07Z`.
    static func entraTimestamp(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss'Z'"
        return formatter.date(from: text)
    }

    /// A span of time in words: `3 days`, `7 min 12 s`, `40 s`.
    static func span(_ seconds: TimeInterval) -> String {
        let whole = Int(abs(seconds).rounded())
        if whole >= 2 * 86_400 {
            return "\(whole / 86_400) days"
        }
        if whole >= 3600 {
            return "\(whole / 3600) h \(whole % 3600 / 60) min"
        }
        if whole >= 60 {
            return "\(whole / 60) min \(whole % 60) s"
        }
        return "\(whole) s"
    }
}
