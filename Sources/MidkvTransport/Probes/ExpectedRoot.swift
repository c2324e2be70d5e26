import MidkvCrypto

/// A root certificate authority a service's chain is expected to end at, named and identified by
/// its SHA-1 thumbprint.
public struct ExpectedRoot: Sendable, Equatable, CustomStringConvertible {
    /// The root's common name (`DigiCert Global Root G2`).
    public var name: String
    /// The SHA-1 hash of the root certificate, lower-case hexadecimal without separators.
    public var sha1Thumbprint: String

    /// Creates an expected root; the thumbprint may be written in either case, with or without
    /// `:` or space separators.
    public init(name: String, sha1Thumbprint: String) {
        self.name = name
        self.sha1Thumbprint = sha1Thumbprint.lowercased().filter { $0.isHexDigit }
    }

    /// The root described by `certificate` (an emulator's own CA, say).
    public init(certificate: CertificateInfo) {
        self.init(
            name: DistinguishedName.commonName(of: certificate.subject) ?? certificate.subject,
            sha1Thumbprint: certificate.sha1Fingerprint
        )
    }

    /// `DigiCert Global Root G2 (df3c24f9…)`.
    public var description: String {
        "\(name) (\(sha1Thumbprint))"
    }

    /// The roots Azure's public endpoints (Key Vault, Entra ID) chain to, as Microsoft lists them:
    /// a chain that ends anywhere else has been re-signed on the way, usually by TLS inspection.
    public static let azure: [ExpectedRoot] = [
        ExpectedRoot(name: "DigiCert Global Root CA", sha1Thumbprint: "A8985D3A65E5E5C4B2D7D66D40C6DD2FB19C5436"),
        ExpectedRoot(name: "DigiCert Global Root G2", sha1Thumbprint: "DF3C24F9BFD666761B268073FE06D1CC8D4F82A4"),
        ExpectedRoot(name: "DigiCert Global Root G3", sha1Thumbprint: "7E04DE896A3E666D00E687D33FFAD93BE83D349E"),
        ExpectedRoot(
            name: "Microsoft RSA Root Certificate Authority 2017",
            sha1Thumbprint: "73A5E64A3BFF8316FF0EDCCC618A906E4EAE4D74"
        ),
        ExpectedRoot(
            name: "Microsoft ECC Root Certificate Authority 2017",
            sha1Thumbprint: "999A64C37FF47D9FAB95F14769891460EEC4C3C5"
        ),
    ]
}

/// Small helpers for RFC 2253 distinguished names (`CN=Contoso Outbound Inspection CA,O=Contoso`).
public enum DistinguishedName {
    /// The first `CN` value, unescaped; `nil` when there is none.
    public static func commonName(of name: String) -> String? {
        components(of: name).first { $0.key.uppercased() == "CN" }?.value
    }

    /// The `type=value` pairs in order, with RFC 2253 escapes (`\,`) undone.
    public static func components(of name: String) -> [(key: String, value: String)] {
        var pairs: [(String, String)] = []
        var current = ""
        var isEscaped = false
        for character in name {
            if isEscaped {
                current.append(character)
                isEscaped = false
            } else if character == "\\" {
                isEscaped = true
            } else if character == "," || character == "+" {
                pairs.append(split(current))
                current = ""
            } else {
                current.append(character)
            }
        }
        pairs.append(split(current))
        return pairs.filter { !$0.0.isEmpty }
    }

    private static func split(_ component: String) -> (String, String) {
        guard let equals = component.firstIndex(of: "=") else {
            return ("", component)
        }
        return (String(component[..<equals]), String(component[component.index(after: equals)...]))
    }
}
