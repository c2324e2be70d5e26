import CCurl  // optimised builds see the socket constants through libcurl's headers
import Glibc

/// Resolves names with the C library's `getaddrinfo`, which follows `/etc/nsswitch.conf`,
/// `/etc/hosts` and `/etc/resolv.conf`.
public struct SystemNameResolver: NameResolver {
    /// Creates the resolver.
    public init() {}

    public var asksNameServers: Bool {
        true
    }

    public func resolve(_ host: String) -> NameResolution {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)

        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, nil, &hints, &list)
        guard code == 0 else {
            return .failure(code: code, text: String(cString: gai_strerror(code)))
        }
        defer { freeaddrinfo(list) }

        return .addresses(Self.addresses(in: list))
    }

    private static func addresses(in list: UnsafeMutablePointer<addrinfo>?) -> [String] {
        var found: [String] = []
        var entry = list
        while let current = entry {
            let address = current.pointee.ai_addr.flatMap { pointer in
                IPAddress(socketAddress: UnsafeRawPointer(pointer), family: current.pointee.ai_family)
            }
            if let text = address?.description, !found.contains(text) {
                found.append(text)
            }
            entry = current.pointee.ai_next
        }
        return found
    }
}
