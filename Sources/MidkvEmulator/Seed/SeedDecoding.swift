import Foundation

/// A coding key made from any string, for reading the keys an object actually has.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws ``EmulatorSeedError/Code/unknownField`` for a key that `Key` does not list.
    func rejectUnknownKeys<Key: CodingKey & CaseIterable>(_ keys: Key.Type) throws {
        let present = try container(keyedBy: AnyCodingKey.self).allKeys.map(\.stringValue)
        let allowed = Key.allCases.map(\.stringValue)
        guard let unknown = present.first(where: { !allowed.contains($0) }) else {
            return
        }
        let path = EmulatorSeedError.render(codingPath + [AnyCodingKey(stringValue: unknown)])
        let expected = allowed.joined(separator: ", ")
        throw EmulatorSeedError(.unknownField, path: path, "unknown field '\(unknown)'; expected one of: \(expected)")
    }
}

extension KeyedDecodingContainer {
    /// Decodes a time written as whole Unix seconds or as ISO 8601 text (`2030-01-31T00:00:00Z`
    /// or `2030-01-31`); `nil` when the key is absent or `null`.
    func decodeTimeIfPresent(forKey key: Key) throws -> Date? {
        guard contains(key), try !decodeNil(forKey: key) else {
            return nil
        }
        if let seconds = try? decode(Int.self, forKey: key) {
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        let text = try decode(String.self, forKey: key)
        if let date = Self.parseISO8601(text) {
            return date
        }
        let path = EmulatorSeedError.render(codingPath + [key])
        throw EmulatorSeedError(
            .invalidValue,
            path: path,
            "'\(text)' is not a time; write Unix seconds (1893456000) or ISO 8601 (2030-01-01T00:00:00Z)"
        )
    }

    private static func parseISO8601(_ text: String) -> Date? {
        if let full = try? Date.ISO8601FormatStyle().parse(text) {
            return full
        }
        let dayOnly = Date.ISO8601FormatStyle().year().month().day()
        return try? dayOnly.parse(text)
    }
}

extension KeyedEncodingContainer {
    /// Encodes `date` as whole Unix seconds, or nothing when it is `nil`.
    mutating func encodeTimeIfPresent(_ date: Date?, forKey key: Key) throws {
        guard let date else {
            return
        }
        try encode(UTCTime.unixSeconds(date), forKey: key)
    }
}
