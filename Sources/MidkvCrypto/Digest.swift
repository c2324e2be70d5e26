import COpenSSL
import Foundation

/// SHA-256 and HMAC-SHA-256 over OpenSSL's EVP interface.
public enum Digest {
    /// The SHA-256 hash of `data`.
    public static func sha256(_ data: some DataProtocol) -> [UInt8] {
        let bytes = Array(data)
        var output = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        var length: UInt32 = 0
        let ok = EVP_Digest(bytes, bytes.count, &output, &length, EVP_sha256(), nil)
        precondition(ok == 1, "EVP_Digest(SHA-256) failed")
        return output
    }

    /// The HMAC-SHA-256 of `data` under `key`.
    public static func hmacSHA256(_ data: some DataProtocol, key: some DataProtocol) -> [UInt8] {
        let bytes = Array(data)
        let keyBytes = Array(key)
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = HMAC(EVP_sha256(), keyBytes, Int32(keyBytes.count), bytes, bytes.count, &output, &length)
        precondition(result != nil, "HMAC(SHA-256) failed")
        return Array(output.prefix(Int(length)))
    }

    /// Lower-case hexadecimal text for `bytes`.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
        }
        .joined()
    }

    /// Compares two byte strings in time that does not depend on where they differ.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else {
            return false
        }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }
}
