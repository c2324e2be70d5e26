import Foundation

/// The date formats Azure services write, rendered in UTC without locale data.
enum UTCTime {
    /// `2021-11-17 23:25:07Z`, as in Entra ID error bodies.
    static func entraTimestamp(_ date: Date) -> String {
        let parts = components(date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02dZ",
            parts.year,
            parts.month,
            parts.day,
            parts.hour,
            parts.minute,
            parts.second
        )
    }

    /// `05/22/2021 17:14:33 +00:00`, as the App Service identity endpoint writes `expires_on`.
    static func appServiceDate(_ date: Date) -> String {
        let parts = components(date)
        return String(
            format: "%02d/%02d/%04d %02d:%02d:%02d +00:00",
            parts.month,
            parts.day,
            parts.year,
            parts.hour,
            parts.minute,
            parts.second
        )
    }

    /// Whole seconds since 1970, rounded down.
    static func unixSeconds(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down))
    }

    private static func components(
        _ date: Date
    ) -> (
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    ) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (
            parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0
        )
    }
}
