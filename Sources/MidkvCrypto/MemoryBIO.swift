import COpenSSL

/// OpenSSL memory buffers: text in for readers, text out from writers.
enum MemoryBIO {
    /// Runs `body` with a read-only BIO over `text`'s UTF-8 bytes.
    static func reading<Result>(_ text: String, _ body: (OpaquePointer) throws -> Result) throws -> Result {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
                throw CryptoError.fromOpenSSLQueue(.invalidPEM, operation: "opening a memory buffer")
            }
            defer { BIO_free(bio) }

            return try body(bio)
        }
    }

    /// Runs `body` with an empty writable BIO and returns what it wrote, as text.
    static func writing(operation: String, _ body: (OpaquePointer) -> Int32) throws -> String {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw CryptoError.fromOpenSSLQueue(.certificateCreation, operation: operation)
        }
        defer { BIO_free(bio) }

        guard body(bio) > 0 else {
            throw CryptoError.fromOpenSSLQueue(.certificateCreation, operation: operation)
        }
        return contents(of: bio)
    }

    /// The bytes held by a memory BIO, as text.
    static func contents(of bio: OpaquePointer) -> String {
        var data: UnsafeMutablePointer<CChar>?
        let length = copenssl_bio_get_mem_data(bio, &data)
        guard let data, length > 0 else {
            return ""
        }
        let buffer = UnsafeRawBufferPointer(start: data, count: length)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// A PEM passphrase callback that supplies none, so OpenSSL never prompts on a terminal.
    static let noPassphrase:
        @convention(c) (
            UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?
        ) -> Int32 = { _, _, _, _ in 0 }
}
