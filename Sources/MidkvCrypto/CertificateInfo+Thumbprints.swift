import Foundation

extension CertificateInfo {
    /// The SHA-256 hash of the DER certificate, Base64URL without padding: the value of a
    /// JWT header's `x5t#S256`.
    public var x5tS256: String {
        Base64URL.encode(Self.bytes(hex: sha256Fingerprint))
    }

    /// The SHA-1 hash of the DER certificate, Base64URL without padding: the value of a JWT
    /// header's `x5t`.
    public var x5t: String {
        Base64URL.encode(Self.bytes(hex: sha1Fingerprint))
    }

    /// The SHA-1 thumbprint in upper-case hexadecimal, as the Azure portal lists certificates.
    public var portalThumbprint: String {
        sha1Fingerprint.uppercased()
    }

    private static func bytes(hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), index != next {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }
}
