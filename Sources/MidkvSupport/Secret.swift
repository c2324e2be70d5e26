/// A sensitive string that never prints itself.
///
/// Client secrets, tokens, passwords, private keys and passphrases travel through midkv as
/// `Secret` values. Printing, interpolating, dumping or mirroring one shows only
/// ``Secret/redactionMarker``; the characters are reachable through ``reveal()`` alone, so
/// every place that needs them is easy to find and review.
///
/// `Secret` is deliberately not `Codable`: encoders would otherwise write it out by accident.
public struct Secret: Sendable, Hashable {
    /// The text shown wherever a secret would have been printed.
    public static let redactionMarker = "<redacted>"

    private let storage: String

    /// Wraps a sensitive value.
    public init(_ value: String) {
        self.storage = value
    }

    /// Returns the sensitive characters.
    ///
    /// Call this only where the value leaves midkv on purpose: an HTTP request to Azure, the
    /// MID resolver answer, or output the user asked for with an explicit flag.
    public func reveal() -> String {
        storage
    }

    /// Whether the value is empty.
    public var isEmpty: Bool {
        storage.isEmpty
    }

    /// The number of characters, safe to show in diagnostics.
    public var count: Int {
        storage.count
    }

    /// The number of UTF-8 bytes, safe to show in diagnostics.
    public var utf8Count: Int {
        storage.utf8.count
    }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        Self.redactionMarker
    }

    public var debugDescription: String {
        "Secret(\(Self.redactionMarker))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: [], displayStyle: .struct)
    }
}
