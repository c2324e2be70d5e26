/// The timestamp that starts a record line in a MID agent log, in one of the layouts the MID writes.
///
/// - `classic`: `03/02/26 10:15:01 (123) <thread> <marker><message>`
/// - `classicISODate`: the same with the date as `2026-03-02`
/// - `iso`: `2026-03-02T10:15:01.123+0100 INFO (<thread>) [Class:line] <message>`
///
/// A line that does not start with one of these timestamps continues the record before it.
enum LogHeader: Sendable, Equatable {
    case classic
    case classicISODate
    case iso

    /// The layout of the timestamp `line` starts with, or `nil` for a continuation line.
    static func detect(_ line: UnsafeBufferPointer<UInt8>) -> LogHeader? {
        guard line.count >= 23, isDigit(line[0]), isDigit(line[1]) else {
            return nil
        }
        if line[2] == UInt8(ascii: "/") {
            return isClassic(line) ? .classic : nil
        }
        guard line.count >= 25, line[4] == UInt8(ascii: "-"), isDate(line) else {
            return nil
        }

        if line[10] == UInt8(ascii: "T") {
            return isISO(line) ? .iso : nil
        }
        return isClassicISODate(line) ? .classicISODate : nil
    }

    /// `MM/dd/yy HH:mm:ss (SSS)`
    private static func isClassic(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line[5] == UInt8(ascii: "/") && line[8] == UInt8(ascii: " ") && line[17] == UInt8(ascii: " ")
            && line[18] == UInt8(ascii: "(") && line[22] == UInt8(ascii: ")")
            && digits(line, 3, 4, 6, 7) && time(line, at: 9) && digits(line, 19, 20, 21)
    }

    /// `yyyy-MM-dd HH:mm:ss (SSS)`
    private static func isClassicISODate(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line[10] == UInt8(ascii: " ") && line[19] == UInt8(ascii: " ") && line[20] == UInt8(ascii: "(")
            && line[24] == UInt8(ascii: ")") && time(line, at: 11) && digits(line, 21, 22, 23)
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSS±hhmm`
    private static func isISO(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.count >= 28, line[19] == UInt8(ascii: "."), time(line, at: 11), digits(line, 20, 21, 22) else {
            return false
        }
        let sign = line[23]
        return (sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")) && digits(line, 24, 25, 26, 27)
    }

    /// `yyyy-MM-dd` (the separator at 4 already checked).
    private static func isDate(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line[7] == UInt8(ascii: "-") && digits(line, 2, 3, 5, 6) && digits(line, 8, 9)
    }

    /// `HH:mm:ss` at `start`.
    private static func time(_ line: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        line[start + 2] == UInt8(ascii: ":") && line[start + 5] == UInt8(ascii: ":")
            && digits(line, start, start + 1, start + 3, start + 4) && digits(line, start + 6, start + 7)
    }

    private static func digits(_ line: UnsafeBufferPointer<UInt8>, _ first: Int, _ second: Int) -> Bool {
        isDigit(line[first]) && isDigit(line[second])
    }

    private static func digits(_ line: UnsafeBufferPointer<UInt8>, _ first: Int, _ second: Int, _ third: Int) -> Bool {
        digits(line, first, second) && isDigit(line[third])
    }

    private static func digits(
        _ line: UnsafeBufferPointer<UInt8>,
        _ first: Int,
        _ second: Int,
        _ third: Int,
        _ fourth: Int
    ) -> Bool {
        digits(line, first, second) && digits(line, third, fourth)
    }

    /// The number of bytes the timestamp takes, without the space after it.
    var length: Int {
        switch self {
        case .classic: 23
        case .classicISODate: 25
        case .iso: 28
        }
    }

    /// The timestamp at the start of `line`, which must have been detected as this layout.
    func timestamp(_ line: UnsafeBufferPointer<UInt8>) -> LogTimestamp {
        func number(_ start: Int, _ count: Int) -> Int {
            line[start..<(start + count)].reduce(0) { $0 * 10 + Int($1 &- 48) }
        }

        switch self {
        case .classic:
            return LogTimestamp(
                year: 2000 + number(6, 2),
                month: number(0, 2),
                day: number(3, 2),
                hour: number(9, 2),
                minute: number(12, 2),
                second: number(15, 2),
                millisecond: number(19, 3)
            )
        case .classicISODate:
            return LogTimestamp(
                year: number(0, 4),
                month: number(5, 2),
                day: number(8, 2),
                hour: number(11, 2),
                minute: number(14, 2),
                second: number(17, 2),
                millisecond: number(21, 3)
            )
        case .iso:
            let offset = number(24, 2) * 60 + number(26, 2)
            return LogTimestamp(
                year: number(0, 4),
                month: number(5, 2),
                day: number(8, 2),
                hour: number(11, 2),
                minute: number(14, 2),
                second: number(17, 2),
                millisecond: number(20, 3),
                utcOffsetMinutes: line[23] == UInt8(ascii: "-") ? -offset : offset
            )
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
