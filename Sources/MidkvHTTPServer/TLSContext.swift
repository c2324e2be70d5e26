import COpenSSL
import MidkvCrypto
import MidkvSupport

/// An OpenSSL server context (`SSL_CTX`) presenting one identity, loaded from memory.
///
/// The context is configured once and then only used to create sessions, which OpenSSL allows
/// from any thread.
final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer

    deinit {
        SSL_CTX_free(pointer)
    }

    /// Loads `identity`'s chain and key into a TLS 1.2+ server context.
    init(identity: TLSIdentity) throws {
        guard let context = SSL_CTX_new(TLS_server_method()) else {
            throw Self.failure("creating a TLS server context")
        }
        pointer = context

        guard copenssl_ctx_set_min_proto_version(context, TLS1_2_VERSION) == 1 else {
            throw Self.failure("requiring TLS 1.2 or later")
        }
        let mode = Int(SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER)
        _ = copenssl_ctx_set_mode(context, mode)

        try useChain(identity.certificateChainPEM)
        try useKey(identity.privateKeyPEM)
    }

    private func useChain(_ pem: String) throws {
        let certificates = try Self.readCertificates(pem)
        defer {
            for certificate in certificates {
                X509_free(certificate)
            }
        }

        guard let leaf = certificates.first, SSL_CTX_use_certificate(pointer, leaf) == 1 else {
            throw Self.failure("loading the server certificate chain (expected PEM certificates, leaf first)")
        }
        for intermediate in certificates.dropFirst() {
            guard SSL_CTX_ctrl(pointer, SSL_CTRL_CHAIN_CERT, 1, UnsafeMutableRawPointer(intermediate)) == 1 else {
                throw Self.failure("adding a chain certificate")
            }
        }
    }

    private func useKey(_ pem: Secret) throws {
        let key = try Self.withMemoryBIO(pem.reveal()) { bio in
            PEM_read_bio_PrivateKey(bio, nil, noPassphrase, nil)
        }
        guard let key else {
            throw Self.failure("reading the server private key (expected an unencrypted PEM key)")
        }
        defer { EVP_PKEY_free(key) }

        guard SSL_CTX_use_PrivateKey(pointer, key) == 1, SSL_CTX_check_private_key(pointer) == 1 else {
            throw Self.failure("loading the server private key (it must belong to the leaf certificate)")
        }
    }

    private static func readCertificates(_ pem: String) throws -> [OpaquePointer] {
        try withMemoryBIO(pem) { bio in
            var certificates: [OpaquePointer] = []
            while let certificate = PEM_read_bio_X509(bio, nil, noPassphrase, nil) {
                certificates.append(certificate)
            }
            ERR_clear_error()
            return certificates
        }
    }

    private static func withMemoryBIO<Result>(_ text: String, _ body: (OpaquePointer) -> Result) throws -> Result {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
                throw failure("opening a memory buffer")
            }
            defer { BIO_free(bio) }

            return body(bio)
        }
    }

    private static func failure(_ operation: String) -> HTTPServerError {
        let crypto = CryptoError.fromOpenSSLQueue(.tls, operation: operation)
        return HTTPServerError(.tlsSetup, message: crypto.description)
    }
}

/// A PEM passphrase callback that supplies none, so OpenSSL never prompts on a terminal.
private let noPassphrase:
    @convention(c) (
        UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?
    ) -> Int32 = { _, _, _, _ in 0 }
