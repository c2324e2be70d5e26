import Foundation
import MidkvSupport
import MidkvTransport

extension HTTPResponse {
    /// The wait the server asked for before a retry, or `nil` when it named none.
    ///
    /// Reads `retry-after-ms` and `x-ms-retry-after-ms` (milliseconds) first, then `Retry-After`
    /// as seconds or as an HTTP date, which is measured from `now`. A date in the past means no
    /// wait.
    public func requestedRetryDelay(now: Date) -> Duration? {
        for name in ["retry-after-ms", "x-ms-retry-after-ms"] {
            if let value = headers[name], let milliseconds = Double(value.trimmingCharacters(in: .whitespaces)) {
                return .milliseconds(Int64(max(milliseconds, 0)))
            }
        }

        guard let value = headers["Retry-After"]?.trimmingCharacters(in: .whitespaces) else {
            return nil
        }

        if let seconds = Double(value) {
            return .milliseconds(Int64(max(seconds, 0) * 1000))
        }
        return Self.httpDate(value).map { .milliseconds(Int64(max($0.timeIntervalSince(now), 0) * 1000)) }
    }

    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                return date
            }
        }
        return nil
    }
}
