import Foundation
import MidkvSupport
import MidkvTransport

/// Parses proxy URLs of the form `http://[user:password@]host[:port]` from `--proxy` and the
/// proxy environment variables.
enum ProxyURL {
    /// Parses `candidate`; the password becomes a ``Secret``.
    ///
    /// A value without a scheme is read as `http://`. Errors never show the password.
    static func parse(_ candidate: SettingsResolver.Candidate) throws -> TransportConfiguration.Proxy {
        let text = candidate.text.trimmingCharacters(in: .whitespaces)
        let full = text.contains("://") ? text : "http://" + text

        guard let components = URLComponents(string: full), let host = components.host, !host.isEmpty else {
            throw invalid(candidate, shown: nil, problem: "is not a proxy URL")
        }

        let shown = redacted(components)
        guard components.scheme?.lowercased() == "http" else {
            throw invalid(candidate, shown: shown, problem: "uses a scheme other than http://")
        }

        let port = components.port ?? Settings.defaultProxyPort
        guard (1...65_535).contains(port) else {
            throw invalid(candidate, shown: shown, problem: "has a port outside 1 to 65535")
        }

        return TransportConfiguration.Proxy(
            host: host,
            port: port,
            username: components.user.flatMap { $0.isEmpty ? nil : $0 },
            password: components.password.flatMap { $0.isEmpty ? nil : Secret($0) }
        )
    }

    /// The URL as text with any password replaced by the redaction marker.
    static func redacted(_ components: URLComponents) -> String {
        var text = "\(components.scheme ?? "http")://"
        if let user = components.user {
            let password = components.password == nil ? "" : ":" + Secret.redactionMarker
            text += user + password + "@"
        }

        text += components.host ?? ""
        if let port = components.port {
            text += ":\(port)"
        }
        return text
    }

    private static func invalid(_ candidate: SettingsResolver.Candidate, shown: String?, problem: String) -> MidkvError
    {
        SettingsResolver.invalidValue(
            candidate.source,
            shown: shown,
            problem: problem,
            fix: "Write the proxy as http://host:port, or http://user:password@host:port with "
                + "special characters in the password percent-encoded (@ as %40)."
        )
    }
}
