import Foundation
import MidkvCrypto

/// Signs and verifies the emulator's JWT-shaped access tokens (HS256 under a random key).
struct TokenSigner: Sendable {
    private let key: [UInt8]

    /// Creates a signer with a fresh random key, so no other emulator accepts its tokens.
    init() {
        key = SecureRandom.bytes(32)
    }

    /// A signed token carrying `claims`.
    func sign(_ claims: AccessTokenClaims) -> String {
        let header = JSONValue.object([
            "typ": .string("JWT"),
            "alg": .string("HS256"),
            "kid": .string("midkv-emulator"),
        ])
        let signingInput = Base64URL.encode(header.data) + "." + Base64URL.encode(claims.payload.data)
        return signingInput + "." + Base64URL.encode(signature(signingInput))
    }

    /// The claims of `token` when this signer made it; `nil` for anything else.
    func verify(_ token: String) -> AccessTokenClaims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let presented = Base64URL.decode(parts[2]) else {
            return nil
        }

        let signingInput = "\(parts[0]).\(parts[1])"
        guard Digest.constantTimeEquals(Array(presented), signature(signingInput)) else {
            return nil
        }

        guard let payloadData = Base64URL.decode(parts[1]),
            let payload = try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any]
        else {
            return nil
        }
        return AccessTokenClaims(payload: payload)
    }

    private func signature(_ signingInput: String) -> [UInt8] {
        Digest.hmacSHA256(Data(signingInput.utf8), key: key)
    }
}
