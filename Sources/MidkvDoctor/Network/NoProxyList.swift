import Foundation

/// A no-proxy list as proxies settings spell it: `*`, host names, `.domain` suffixes, addresses.
public struct NoProxyList: Sendable, Equatable {
    /// The entries, lower-cased, without surrounding spaces or a leading `*`.
    public var entries: [String]

    /// Creates a list from entries such as `169.254.169.254`, `.contoso.local` or `*.vault.azure.net`.
    public init(_ entries: [String]) {
        self.entries = entries.map { entry in
            let trimmed = entry.trimmingCharacters(in: .whitespaces).lowercased()
            return trimmed.hasPrefix("*.") ? String(trimmed.dropFirst()) : trimmed
        }
        .filter { !$0.isEmpty }
    }

    /// Whether `host` bypasses the proxy: an entry equals it, is `*`, or is a domain it lies in.
    public func matches(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]."))
        return entries.contains { entry in
            let domain = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            return entry == "*" || name == domain || name.hasSuffix("." + domain)
        }
    }
}
