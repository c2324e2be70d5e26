/// How a config.xml value is written: plain text, empty, or encrypted by the MID Server.
///
/// A MID Server encrypts every `secure="true"` parameter when it starts and writes the result
/// back to config.xml. Only that MID can decrypt it, so midkv treats encrypted values as opaque
/// and asks for the value through another source instead.
public enum MIDConfigValueForm: Sendable, Hashable, CustomStringConvertible {
    /// Ordinary text.
    case plain
    /// No characters, or only white space.
    case empty
    /// A value the MID encrypted.
    case encrypted(Encryption)

    /// The two encrypted formats a MID Server writes.
    public enum Encryption: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// `encrypted:<base64>`, written by older MID releases.
        case legacy
        /// `ENCv2[<base64>]`, the current format.
        case v2

        public var description: String {
            switch self {
            case .legacy: "encrypted:…"
            case .v2: "ENCv2[…]"
            }
        }
    }

    /// Classifies a value as the MID would see it.
    ///
    /// The encrypted forms need a non-empty base64 body (line breaks inside it are allowed, as
    /// the MID strips them); `encrypted:` followed by anything else is plain text.
    public init(classifying value: String) {
        if value.allSatisfy(\.isWhitespace) {
            self = .empty
        } else if let encryption = Self.encryption(of: value) {
            self = .encrypted(encryption)
        } else {
            self = .plain
        }
    }

    /// Whether the MID encrypted the value.
    public var isEncrypted: Bool {
        if case .encrypted = self {
            return true
        }
        return false
    }

    public var description: String {
        switch self {
        case .plain: "plain"
        case .empty: "empty"
        case .encrypted(let encryption): "encrypted (\(encryption))"
        }
    }

    private static let legacyPrefix = "encrypted:"
    private static let v2Prefix = "ENCv2["
    private static let v2Suffix = "]"

    private static func encryption(of value: String) -> Encryption? {
        if value.hasPrefix(legacyPrefix) {
            let body = value.dropFirst(legacyPrefix.count)
            return isBase64(body) ? .legacy : nil
        }

        if value.hasPrefix(v2Prefix), value.hasSuffix(v2Suffix), value.count > v2Prefix.count {
            let body = value.dropFirst(v2Prefix.count).dropLast(v2Suffix.count)
            return isBase64(body) ? .v2 : nil
        }
        return nil
    }

    private static func isBase64(_ text: Substring) -> Bool {
        let digits = text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }
        return !digits.isEmpty && digits.allSatisfy(isBase64Scalar)
    }

    private static func isBase64Scalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "+", "/", "=": true
        default: false
        }
    }
}
