/// What one name lookup produced: addresses, or `getaddrinfo`'s error code and text.
public enum NameResolution: Sendable, Equatable {
    /// The addresses found, in the resolver's order, without duplicates.
    case addresses([String])
    /// The lookup failed with this `EAI_*` code and its text.
    case failure(code: Int32, text: String)
}

/// Looks host names up; the system's `getaddrinfo` in production, a script in tests.
public protocol NameResolver: Sendable {
    /// Whether a lookup asks the name servers this machine is configured with, and so may leave
    /// loopback. A confined probe never calls such a resolver.
    var asksNameServers: Bool { get }

    /// Looks `host` up. Blocking: probes call it on a thread of their own.
    func resolve(_ host: String) -> NameResolution
}
