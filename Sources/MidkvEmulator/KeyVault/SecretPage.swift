import Foundation
import MidkvCrypto
import MidkvHTTPServer

/// The window of a list request: `maxresults` and `$skiptoken`.
struct SecretPage: Sendable, Equatable {
    /// The largest page Key Vault serves, and its default.
    static let maximumSize = 25

    /// Index of the first item.
    var offset: Int
    /// Items per page.
    var size: Int
    /// The `maxresults` the caller gave, repeated in `nextLink`.
    var requestedSize: Int?

    /// Reads the window from `request`'s query.
    ///
    /// - Throws: ``KeyVaultError/badParameter(_:)`` for a bad `maxresults` or `$skiptoken`.
    init(_ request: HTTPServerRequest) throws(KeyVaultError) {
        if let raw = request.query("maxresults") {
            guard let size = Int(raw), (1...Self.maximumSize).contains(size) else {
                throw .badParameter("The value '\(raw)' of parameter 'maxresults' is invalid: it must be 1 to 25.")
            }
            requestedSize = size
        }
        size = requestedSize ?? Self.maximumSize

        offset = 0
        if let token = request.query("$skiptoken") {
            guard let decoded = Self.offset(fromToken: token) else {
                throw .badParameter("The $skiptoken value is not valid; follow nextLink as returned.")
            }
            offset = decoded
        }
    }

    /// The items of this page and the `nextLink` for the rest (`null` on the last page).
    func slice<Item>(_ items: [Item], vaultBaseURL: String, path: String, apiVersion: String) -> ([Item], JSONValue) {
        let start = min(offset, items.count)
        let end = min(start + size, items.count)
        guard end < items.count else {
            return (Array(items[start..<end]), .null)
        }

        var link = "\(vaultBaseURL):443\(path)?api-version=\(apiVersion)&$skiptoken=\(Self.token(forOffset: end))"
        if let requestedSize {
            link += "&maxresults=\(requestedSize)"
        }
        return (Array(items[start..<end]), .string(link))
    }

    /// An opaque continuation token in the style of Key Vault's (Base64 of a small JSON object).
    static func token(forOffset offset: Int) -> String {
        let marker = JSONValue.object([
            "NextMarker": .string("2!\(offset)!emulator"),
            "TargetLocation": .int(0),
        ])
        return Base64URL.encode(marker.data)
    }

    private static func offset(fromToken token: String) -> Int? {
        guard let data = Base64URL.decode(token),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let marker = object["NextMarker"] as? String
        else {
            return nil
        }
        let parts = marker.split(separator: "!")
        return parts.count == 3 ? Int(parts[1]).flatMap { $0 >= 0 ? $0 : nil } : nil
    }
}
