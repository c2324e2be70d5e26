/// Why the emulator's server could not start.
public struct EmulatorServerError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; the raw value is a stable dotted code.
    public enum Code: String, Sendable, CaseIterable {
        /// The certificate authorities or server certificates could not be made.
        case certificates = "emulator.certificates"
        /// The CA certificate could not be written to the chosen file.
        case caFileUnwritable = "emulator.ca-file-unwritable"
        /// The server could not listen (port in use, permission denied).
        case listen = "emulator.listen"
    }

    /// The kind of failure.
    public var code: Code
    /// What failed and what to do, with the underlying error's description.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String {
        "\(code.rawValue): \(message)"
    }
}
