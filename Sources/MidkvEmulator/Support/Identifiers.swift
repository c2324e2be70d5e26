import Foundation
import MidkvCrypto

/// Shape checks and derivations for the identifiers Azure uses.
enum Identifiers {
    /// The all-zero GUID, which Entra ID rejects as a tenant.
    static let emptyGUID = "00000000-0000-0000-0000-000000000000"

    /// Whether `text` is a GUID in the 8-4-4-4-12 hexadecimal form.
    static func isGUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else {
            return false
        }
        return groups.allSatisfy { group in group.allSatisfy(\.isHexDigit) }
    }

    /// Whether `text` is a dotted DNS name such as `contoso.onmicrosoft.com`.
    static func isDomainName(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else {
            return false
        }
        return labels.allSatisfy { label in
            !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// Whether `name` follows Key Vault's object naming rule: 1 to 127 of `0-9a-zA-Z-`.
    static func isSecretName(_ name: String) -> Bool {
        (1...127).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// Whether `name` is a valid vault name: 3 to 24 characters, letters, digits and single
    /// hyphens, starting with a letter and ending with a letter or digit.
    static func isVaultName(_ name: String) -> Bool {
        guard (3...24).contains(name.count), let first = name.first, let last = name.last else {
            return false
        }
        let charactersValid = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return charactersValid && first.isLetter && last != "-" && !name.contains("--")
    }

    /// Whether `version` is 32 hexadecimal characters, the form of Key Vault version IDs.
    static func isVersionID(_ version: String) -> Bool {
        version.count == 32 && version.allSatisfy(\.isHexDigit)
    }

    /// A GUID derived from `seed`, the same on every run.
    static func derivedGUID(_ seed: String) -> String {
        let hex = Array(Digest.hex(Digest.sha256(Data(seed.utf8))).prefix(32))
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }
        return groups.joined(separator: "-")
    }

    /// A Key Vault version ID derived from `seed`, the same on every run.
    static func derivedVersion(_ seed: String) -> String {
        String(Digest.hex(Digest.sha256(Data(seed.utf8))).prefix(32))
    }

    /// A fresh random GUID in lower case.
    static func randomGUID() -> String {
        UUID().uuidString.lowercased()
    }
}
