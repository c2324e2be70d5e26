import COpenSSL
import Foundation
import MidkvSupport

extension CertificateAuthority {
    /// Issues a TLS server certificate for `dnsNames` and `ipAddresses`, signed by this authority.
    ///
    /// The leaf carries those names as subject alternative names (wildcards such as
    /// `*.vault.azure.net` are allowed), extended key usage `serverAuth`, and subject and
    /// authority key identifiers. Any validity window is accepted, past ones included, so tests
    /// can present expired or not-yet-valid certificates.
    /// - Parameters:
    ///   - dnsNames: DNS names the certificate is valid for.
    ///   - ipAddresses: IPv4 or IPv6 addresses the certificate is valid for.
    ///   - commonName: The subject's CN; the first DNS name (or address) unless given.
    ///   - notBefore: Start of validity; an hour ago unless given.
    ///   - notAfter: End of validity; a year from now unless given.
    ///   - keyType: The leaf's key pair.
    /// - Returns: An identity whose chain is the leaf followed by this authority's certificate.
    /// - Throws: ``CryptoError``; ``CryptoError/Code/invalidInput`` names a malformed DNS name or
    ///   address.
    public func issueServerIdentity(
        dnsNames: [String],
        ipAddresses: [String] = [],
        commonName: String? = nil,
        notBefore: Date = Date().addingTimeInterval(-3600),
        notAfter: Date = Date().addingTimeInterval(365 * 86_400),
        keyType: KeyType = .ecdsaP256
    ) throws -> TLSIdentity {
        let operation = "issuing a server certificate"
        let alternativeNames = try Self.alternativeNames(dnsNames: dnsNames, ipAddresses: ipAddresses)
        let name = commonName ?? dnsNames.first ?? ipAddresses.first ?? "midkv server"

        let caCertificate = try X509Certificate.loadFirst(pem: certificatePEM, operation: operation)
        let caKey = try PrivateKey.load(
            pem: privateKeyPEM,
            operation: "reading the certificate authority's private key"
        )
        let key = try PrivateKey.generate(keyType)
        let leaf = try X509Certificate.unsigned(publicKeyOf: key, operation: operation)

        try leaf.setValidity(notBefore: notBefore, notAfter: notAfter, operation: operation)
        try leaf.setSubject(commonName: name, organization: nil, operation: operation)
        try leaf.setIssuer(caCertificate, operation: operation)

        for (nid, value) in Self.leafExtensions(keyType: keyType, alternativeNames: alternativeNames) {
            try leaf.addExtension(nid, value, issuer: caCertificate, operation: operation)
        }

        try leaf.sign(with: caKey, operation: operation)
        let chain = try leaf.pem() + caCertificate.pem()
        return TLSIdentity(certificateChainPEM: chain, privateKeyPEM: try key.pem())
    }

    private static func leafExtensions(keyType: KeyType, alternativeNames: [String]) -> [(Int32, String)] {
        let usage = keyType == .rsa2048 ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature"
        var extensions: [(Int32, String)] = [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, usage),
            (NID_ext_key_usage, "serverAuth"),
            (NID_subject_key_identifier, "hash"),
            (NID_authority_key_identifier, "keyid:always"),
        ]
        if !alternativeNames.isEmpty {
            extensions.append((NID_subject_alt_name, alternativeNames.joined(separator: ",")))
        }
        return extensions
    }

    private static func alternativeNames(dnsNames: [String], ipAddresses: [String]) throws -> [String] {
        let operation = "issuing a server certificate"
        for name in dnsNames where !isAcceptableDNSName(name) {
            let detail = "'\(name)' is not a DNS name (letters, digits, '-', '.', and '*.' only as a prefix)"
            throw CryptoError(.invalidInput, operation: operation, detail: detail)
        }
        for address in ipAddresses where !isIPAddress(address) {
            let detail = "'\(address)' is not an IPv4 or IPv6 address"
            throw CryptoError(.invalidInput, operation: operation, detail: detail)
        }

        return dnsNames.map { "DNS:\($0)" } + ipAddresses.map { "IP:\($0)" }
    }

    private static func isAcceptableDNSName(_ name: String) -> Bool {
        let body = name.hasPrefix("*.") ? String(name.dropFirst(2)) : name
        let labels = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, body.utf8.count <= 253 else {
            return false
        }

        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63
                && label.unicodeScalars.allSatisfy { $0.isASCII && (isAlphanumeric($0) || $0 == "-" || $0 == "_") }
        }
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isIPAddress(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1
    }
}
