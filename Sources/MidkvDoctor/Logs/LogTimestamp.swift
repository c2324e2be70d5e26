import Foundation

/// The time written at the start of a MID agent log record.
///
/// The classic layout writes local time without a zone, so ``utcOffsetMinutes`` is `nil` for
/// those records and the time stays as written; the ISO layout carries its offset.
public struct LogTimestamp: Sendable, Hashable, CustomStringConvertible, Encodable {
    /// The year, four digits (the classic layout's two-digit years are 20yy).
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month.
    public var day: Int
    /// The hour, 0 to 23.
    public var hour: Int
    /// The minute.
    public var minute: Int
    /// The second.
    public var second: Int
    /// The millisecond, 0 to 999.
    public var millisecond: Int
    /// Minutes east of UTC, or `nil` for local time.
    public var utcOffsetMinutes: Int?

    /// Creates a timestamp from its fields.
    public init(
        year: Int,
        month: Int,
        day: Int,
        hour: Int,
        minute: Int,
        second: Int,
        millisecond: Int = 0,
        utcOffsetMinutes: Int? = nil
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// `2026-03-02 10:15:01.123` for local time, `2026-03-02T10:15:01.123+0200` with a zone.
    public var description: String {
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        let time = "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millisecond, 3))"
        guard let offset = utcOffsetMinutes else {
            return "\(date) \(time)"
        }

        let sign = offset < 0 ? "-" : "+"
        return "\(date)T\(time)\(sign)\(pad(abs(offset) / 60, 2))\(pad(abs(offset) % 60, 2))"
    }

    /// The instant this timestamp names; local times are read in `localZone`.
    public func date(localZone: TimeZone = .current) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utcOffsetMinutes.flatMap { TimeZone(secondsFromGMT: $0 * 60) } ?? localZone

        let components = DateComponents(
            year: year,
            month: month,
            day: day,
            hour: hour,
            minute: minute,
            second: second,
            nanosecond: millisecond * 1_000_000
        )
        return calendar.date(from: components)
    }

    /// Encodes the timestamp as its ``description``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
