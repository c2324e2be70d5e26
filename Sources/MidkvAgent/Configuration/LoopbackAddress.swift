import Glibc
import MidkvCore

extension AgentConfiguration {
    /// A loopback TCP address: `127.0.0.1:PORT` (any of 127.0.0.0/8) or `[::1]:PORT`.
    ///
    /// The agent answers with credentials in clear text, so it never listens on any other
    /// address. Over TCP there is no way to tell which user connects: every local user can.
    public struct LoopbackAddress: Sendable, Equatable, CustomStringConvertible {
        /// The numeric host, without brackets: `127.0.0.1` or `::1`.
        public let host: String
        /// The port; 0 lets the system choose one.
        public let port: UInt16

        /// Parses `HOST:PORT`.
        ///
        /// - Throws: ``MidkvError`` `config.invalid-value` for anything but a loopback address
        ///   and a port from 0 to 65535.
        public init(parsing text: String) throws(MidkvError) {
            guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
                throw Self.invalid(text)
            }

            var host = String(text[..<colon])
            if host.hasPrefix("["), host.hasSuffix("]") {
                host = String(host.dropFirst().dropLast())
            }
            guard Self.isLoopback(host) else {
                throw Self.invalid(text)
            }
            self.host = host
            self.port = port
        }

        public var description: String {
            host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }

        /// Whether `host` is a numeric IPv4 address in 127.0.0.0/8 or the IPv6 `::1`.
        static func isLoopback(_ host: String) -> Bool {
            var ipv4 = in_addr()
            if inet_pton(AF_INET, host, &ipv4) == 1 {
                return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127
            }

            var ipv6 = in6_addr()
            var loopback = in6addr_loopback
            guard inet_pton(AF_INET6, host, &ipv6) == 1 else {
                return false
            }
            return memcmp(&ipv6, &loopback, MemoryLayout<in6_addr>.size) == 0
        }

        private static func invalid(_ text: String) -> MidkvError {
            MidkvError(
                .configInvalidValue,
                "The agent's TCP address '\(text)' is not a loopback address and port.",
                evidence: [Evidence("option", "--listen")],
                cause: "The agent answers with credentials in clear text, so it listens on loopback only.",
                fix: "Use 127.0.0.1:PORT or [::1]:PORT, or leave --listen out and use the Unix socket."
            )
        }
    }
}
