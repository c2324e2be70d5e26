/// The certificates a TLS probe verifies the server's chain against.
public enum TLSTrust: Sendable, Equatable {
    /// The operating system's CA store, as OpenSSL finds it by default.
    case systemStore
    /// The CA certificates in this PEM file only.
    case caFile(String)
}
