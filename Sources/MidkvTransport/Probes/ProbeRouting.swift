import Foundation

/// Where probes may connect: the real addresses, or one loopback address standing in for every host.
///
/// With ``connectTo`` set (`127.0.0.1:8443`), a probe skips name lookups, connects to that address
/// and port instead, and keeps the real host name for TLS server names and certificate checks.
/// Confinement follows ``CurlHTTPClient``: with ``loopbackOnly`` set, or the whole process confined
/// through ``NetworkGuard``, no probe opens a socket to an address outside 127.0.0.0/8 and ::1.
public struct ProbeRouting: Sendable, Equatable {
    /// The address every connection goes to instead of the host's own, as `host:port`.
    public var connectTo: String?
    /// Refuse to connect to any address outside 127.0.0.0/8 and ::1.
    public var loopbackOnly: Bool

    /// Creates routing; setting `connectTo` also confines the probes to loopback.
    public init(connectTo: String? = nil, loopbackOnly: Bool = false) {
        self.connectTo = connectTo
        self.loopbackOnly = loopbackOnly || connectTo != nil
    }

    /// Whether connections outside loopback are refused, by this routing or by the process.
    public var isConfined: Bool {
        loopbackOnly || NetworkGuard.isConfined
    }

    /// The same confinement without the redirect, for hosts that are never redirected (a proxy).
    public var withoutRedirect: ProbeRouting {
        ProbeRouting(connectTo: nil, loopbackOnly: loopbackOnly)
    }

    /// The redirect split into address and port; `nil` without a redirect or when it is malformed.
    public var redirect: (address: String, port: Int)? {
        guard let connectTo, let colon = connectTo.lastIndex(of: ":") else {
            return nil
        }

        let host = connectTo[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard let port = Int(connectTo[connectTo.index(after: colon)...]), (1...65535).contains(port), !host.isEmpty
        else {
            return nil
        }
        return (host, port)
    }

    /// Whether a socket to `address` is allowed; when it is not, records the attempt for `host`.
    func permits(_ address: String, host: String) -> Bool {
        guard isConfined else {
            return true
        }

        guard IPAddress(address)?.isLoopback != true else {
            return true
        }
        NetworkGuard.record(NetworkGuard.BlockedAttempt(host: host, address: address, time: Date()))
        return false
    }
}
