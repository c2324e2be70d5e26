import MidkvCrypto

/// RSA keys for tests, each made once per test process (see ``ProcessKeys``).
public enum TestKeys {
    /// The RSA-2048 key numbered `index`; the same index always gives the same key, different
    /// indices different keys.
    public static func rsa(_ index: Int = 0) throws -> SigningKey {
        try ProcessKeys.rsa2048("test key \(index)")
    }
}
