/// An effective setting: its value and where that value came from.
public struct Setting<Value: Sendable>: Sendable {
    /// The value midkv uses.
    public var value: Value
    /// Where the value came from.
    public var source: SettingSource

    /// Creates a setting.
    public init(_ value: Value, source: SettingSource) {
        self.value = value
        self.source = source
    }

    /// The same source with a transformed value.
    public func map<Other: Sendable>(_ transform: (Value) throws -> Other) rethrows -> Setting<Other> {
        Setting<Other>(try transform(value), source: source)
    }
}

extension Setting: Equatable where Value: Equatable {}

extension Setting: Hashable where Value: Hashable {}
