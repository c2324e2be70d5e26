import COpenSSL

/// Cryptographically strong random bytes from OpenSSL.
public enum SecureRandom {
    /// `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        let ok = RAND_bytes(&output, Int32(count))
        precondition(ok == 1, "RAND_bytes failed")
        return output
    }

    /// `count` random bytes as lower-case hexadecimal text (`2 * count` characters).
    public static func hex(_ count: Int) -> String {
        Digest.hex(bytes(count))
    }
}
