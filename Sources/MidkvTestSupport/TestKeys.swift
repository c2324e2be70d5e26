import MidkvCrypto
import Synchronization

/// RSA keys for tests, each made once per test process.
///
/// Generating an RSA key takes from a tenth of a second to several seconds on a busy host, and
/// tests run on Swift's few concurrency threads: tests that each made their own keys kept those
/// threads busy long enough to starve the tests that wait for network answers.
public enum TestKeys {
    /// The RSA-2048 key numbered `index`; the same index always gives the same key, different
    /// indices different keys.
    public static func rsa(_ index: Int = 0) throws -> SigningKey {
        try made.withLock { keys in
            if let key = keys[index] {
                return key
            }
            let key = try SigningKey.generate(.rsa2048)
            keys[index] = key
            return key
        }
    }

    private static let made = Mutex<[Int: SigningKey]>([:])
}
