/// One thing midkv saw, as a label and a value: `host`, `kv-contoso.vault.azure.net`.
///
/// Evidence explains a failure or finding. It never holds a secret value: use lengths, code
/// points, offsets or the name of the field instead.
public struct Evidence: Sendable, Equatable, CustomStringConvertible {
    /// What the value is, in a few words.
    public var label: String
    /// What was seen.
    public var value: String

    /// Creates one piece of evidence.
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }

    public var description: String {
        "\(label): \(value)"
    }
}
