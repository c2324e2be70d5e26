import Testing

/// A test argument that holds a secret: the test runner prints its label, never its value.
public struct SensitiveArgument<Value: Sendable>: Sendable, CustomTestStringConvertible {
    /// What the argument is, as shown in test output.
    public let label: String
    /// The argument itself.
    public let value: Value

    /// Wraps `value` under `label`.
    public init(_ label: String, _ value: Value) {
        self.label = label
        self.value = value
    }

    public var testDescription: String {
        label
    }
}
