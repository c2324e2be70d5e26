import Synchronization

/// RSA keys kept for the life of the process, one per name.
///
/// Making an RSA key takes from a tenth of a second to several seconds on a busy host. The demo's
/// worlds, the emulator's workload issuers and the tests each need the same few keys many times
/// over, and would otherwise keep Swift's few concurrency threads busy making them.
public enum ProcessKeys {
    /// The RSA-2048 key called `name`, made on first use; the same name always gives the same key.
    ///
    /// - Throws: ``CryptoError`` when OpenSSL cannot make the key.
    public static func rsa2048(_ name: String) throws -> SigningKey {
        try keys.withLock { keys in
            if let key = keys[name] {
                return key
            }
            let key = try SigningKey.generate(.rsa2048)
            keys[name] = key
            return key
        }
    }

    private static let keys = Mutex<[String: SigningKey]>([:])
}
