import Foundation
import MidkvCrypto

/// A JWT as the token endpoint receives it: header and claims decoded, signature kept for
/// checking. Decoding verifies nothing.
struct ReceivedJWT {
    /// The decoded header object.
    let header: [String: Any]
    /// The decoded claims object.
    let claims: [String: Any]
    /// `header.claims`, the bytes the signature covers.
    let signingInput: String
    /// The signature bytes.
    let signature: Data

    /// Splits and decodes `text`; `nil` unless it has three parts, the first two JSON objects.
    init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerData = Base64URL.decode(parts[0]),
            let claimsData = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2]),
            let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any],
            let claims = (try? JSONSerialization.jsonObject(with: claimsData)) as? [String: Any]
        else {
            return nil
        }

        self.header = header
        self.claims = claims
        self.signingInput = "\(parts[0]).\(parts[1])"
        self.signature = signature
    }

    /// The header's `alg`.
    var algorithm: String? {
        header["alg"] as? String
    }

    /// A string claim.
    func string(_ name: String) -> String? {
        claims[name] as? String
    }

    /// A NumericDate claim as a date.
    func time(_ name: String) -> Date? {
        (claims[name] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue) }
    }

    /// `aud`, whether written as one string or an array.
    var audiences: [String] {
        if let single = claims["aud"] as? String {
            return [single]
        }
        return claims["aud"] as? [String] ?? []
    }

    /// The certificate thumbprint the header names: `x5t#S256` as SHA-256 hex, else `x5t` as
    /// SHA-1 hex (lower case).
    var thumbprint: (sha256: String?, sha1: String?) {
        let sha256 = (header["x5t#S256"] as? String).flatMap(Base64URL.decode).map(Digest.hex)
        let sha1 = (header["x5t"] as? String).flatMap(Base64URL.decode).map(Digest.hex)
        return (sha256, sha1)
    }
}
