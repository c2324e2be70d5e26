import Foundation

/// The parts of `/etc/resolv.conf` a DNS diagnosis shows as evidence.
public struct ResolverConfiguration: Sendable, Equatable {
    /// The `nameserver` addresses, in order.
    public var nameServers: [String]
    /// The `search` (or `domain`) suffixes, in order.
    public var searchDomains: [String]

    /// Creates a configuration.
    public init(nameServers: [String] = [], searchDomains: [String] = []) {
        self.nameServers = nameServers
        self.searchDomains = searchDomains
    }

    /// Reads the file at `path`; an unreadable file gives an empty configuration.
    public static func load(path: String = "/etc/resolv.conf") -> ResolverConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ResolverConfiguration()
        }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Parses resolv.conf text: `nameserver`, `search` and `domain` lines; comments start with
    /// `#` or `;`.
    public static func parse(_ text: String) -> ResolverConfiguration {
        var configuration = ResolverConfiguration()
        for line in text.split(whereSeparator: \.isNewline) {
            let words = line.prefix { $0 != "#" && $0 != ";" }.split(whereSeparator: \.isWhitespace)
            guard let keyword = words.first, words.count > 1 else {
                continue
            }

            let values = words.dropFirst().map(String.init)
            switch keyword {
            case "nameserver":
                configuration.nameServers.append(values[0])
            case "search", "domain":
                configuration.searchDomains = values
            default:
                continue
            }
        }
        return configuration
    }
}
