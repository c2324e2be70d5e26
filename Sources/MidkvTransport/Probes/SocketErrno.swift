import Glibc

/// An operating-system error number with its symbolic name and text, as probes report it.
public struct SocketErrno: Sendable, Equatable, CustomStringConvertible {
    /// The `errno` value, such as 111.
    public var code: Int32

    /// Wraps an `errno` value.
    public init(_ code: Int32) {
        self.code = code
    }

    /// The symbolic name (`ECONNREFUSED`), or `errno N` for numbers without one here.
    public var name: String {
        Self.names[code] ?? "errno \(code)"
    }

    /// The C library's text (`Connection refused`).
    public var text: String {
        String(cString: strerror(code))
    }

    /// `ECONNREFUSED (111): Connection refused`.
    public var description: String {
        "\(name) (\(code)): \(text)"
    }

    private static let names: [Int32: String] = [
        EPERM: "EPERM",
        EACCES: "EACCES",
        EINVAL: "EINVAL",
        EPIPE: "EPIPE",
        EADDRNOTAVAIL: "EADDRNOTAVAIL",
        EAFNOSUPPORT: "EAFNOSUPPORT",
        ENETDOWN: "ENETDOWN",
        ENETUNREACH: "ENETUNREACH",
        ECONNABORTED: "ECONNABORTED",
        ECONNRESET: "ECONNRESET",
        ETIMEDOUT: "ETIMEDOUT",
        ECONNREFUSED: "ECONNREFUSED",
        EHOSTDOWN: "EHOSTDOWN",
        EHOSTUNREACH: "EHOSTUNREACH",
    ]
}
