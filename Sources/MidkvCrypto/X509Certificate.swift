import COpenSSL

/// An OpenSSL certificate (`X509`), owned and freed by this object.
final class X509Certificate {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        X509_free(pointer)
    }

    /// Every certificate in a PEM bundle, in order; other PEM blocks and text around them are skipped.
    static func loadAll(pem: String, operation: String) throws -> [X509Certificate] {
        ERR_clear_error()
        let certificates = try MemoryBIO.reading(pem) { bio in
            var found: [X509Certificate] = []
            while let pointer = PEM_read_bio_X509(bio, nil, MemoryBIO.noPassphrase, nil) {
                found.append(X509Certificate(taking: pointer))
            }
            return found
        }

        guard endedCleanly(), !certificates.isEmpty else {
            let detail = "expected one or more PEM certificates (BEGIN CERTIFICATE)"
            throw CryptoError.fromOpenSSLQueue(.invalidPEM, operation: operation, detail: detail)
        }
        return certificates
    }

    /// Reads exactly the first certificate of a PEM text.
    static func loadFirst(pem: String, operation: String) throws -> X509Certificate {
        try loadAll(pem: pem, operation: operation)[0]
    }

    /// The certificate in PEM form.
    func pem() throws -> String {
        try MemoryBIO.writing(operation: "encoding a certificate") { bio in
            PEM_write_bio_X509(bio, pointer)
        }
    }

    /// Reading stops at the end of the text with "no start line"; anything else is a real error.
    private static func endedCleanly() -> Bool {
        let last = ERR_peek_last_error()
        guard last != 0 else {
            return true
        }
        guard ERR_GET_LIB(last) == ERR_LIB_PEM, ERR_GET_REASON(last) == PEM_R_NO_START_LINE else {
            return false
        }

        ERR_clear_error()
        return true
    }
}
