import Foundation

/// The JSON body of a set (PUT) or update (PATCH) request.
struct SecretParameters: Sendable {
    /// The largest value the emulator stores, in UTF-8 bytes ("25k bytes").
    static let maximumValueBytes = 25_600

    var value: String?
    var contentType: String?
    var tags: [String: String]?
    var enabled: Bool?
    var notBefore: Int?
    var expires: Int?

    /// Parses `data`; `requireValue` for PUT.
    ///
    /// - Throws: ``KeyVaultError/badParameter(_:)`` naming the offending property.
    init(_ data: Data, requireValue: Bool) throws(KeyVaultError) {
        let object: [String: Any]
        if data.isEmpty {
            object = [:]
        } else if let parsed = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
            object = parsed
        } else {
            throw .badParameter("The request body is not a valid JSON object.")
        }

        value = try Self.string(object, "value")
        contentType = try Self.string(object, "contentType")
        tags = try Self.tags(object)
        try readAttributes(object)
        try check(requireValue: requireValue)
    }

    private mutating func readAttributes(_ object: [String: Any]) throws(KeyVaultError) {
        guard let raw = object["attributes"], !(raw is NSNull) else {
            return
        }
        guard let attributes = raw as? [String: Any] else {
            throw .badParameter("Property attributes must be a JSON object.")
        }

        enabled = try Self.typed(attributes, "enabled", as: Bool.self)
        notBefore = try Self.typed(attributes, "nbf", as: Int.self)
        expires = try Self.typed(attributes, "exp", as: Int.self)
    }

    private func check(requireValue: Bool) throws(KeyVaultError) {
        if requireValue && value == nil {
            throw .badParameter("Property value is required.")
        }
        if let value, value.utf8.count > Self.maximumValueBytes {
            throw .badParameter("Property value is too long: the limit is \(Self.maximumValueBytes) bytes.")
        }
        if let contentType, contentType.count > 255 {
            throw .badParameter("Property contentType is too long: the limit is 255 characters.")
        }
    }

    private static func string(_ object: [String: Any], _ key: String) throws(KeyVaultError) -> String? {
        try typed(object, key, as: String.self)
    }

    private static func typed<Value>(
        _ object: [String: Any],
        _ key: String,
        as type: Value.Type
    ) throws(KeyVaultError)
        -> Value?
    {
        guard let raw = object[key], !(raw is NSNull) else {
            return nil
        }
        guard let value = raw as? Value else {
            throw .badParameter("Property \(key) has the wrong type.")
        }
        return value
    }

    private static func tags(_ object: [String: Any]) throws(KeyVaultError) -> [String: String]? {
        guard let raw = object["tags"], !(raw is NSNull) else {
            return nil
        }
        guard let tags = raw as? [String: String] else {
            throw .badParameter("Property tags must map strings to strings.")
        }
        return tags
    }
}
