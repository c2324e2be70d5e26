import COpenSSL
import Foundation

extension X509Certificate {
    /// The certificate's names, dates, serial, fingerprints and alternative names.
    func info() throws -> CertificateInfo {
        let operation = "inspecting a certificate"
        return CertificateInfo(
            subject: try Self.rfc2253(X509_get_subject_name(pointer), operation: operation),
            issuer: try Self.rfc2253(X509_get_issuer_name(pointer), operation: operation),
            notBefore: try Self.date(X509_get0_notBefore(pointer), operation: operation),
            notAfter: try Self.date(X509_get0_notAfter(pointer), operation: operation),
            serial: serialHex(),
            sha256Fingerprint: try fingerprint(EVP_sha256(), operation: operation),
            sha1Fingerprint: try fingerprint(EVP_sha1(), operation: operation),
            subjectAltNames: subjectAltNames(),
            isCA: X509_get_extension_flags(pointer) & UInt32(EXFLAG_CA) != 0
        )
    }

    private func serialHex() -> String {
        let serial = X509_get0_serialNumber(pointer)
        let length = Int(ASN1_STRING_length(serial))
        guard let data = ASN1_STRING_get0_data(serial), length > 0 else {
            return "00"
        }
        return Digest.hex(UnsafeBufferPointer(start: data, count: length))
    }

    private func fingerprint(_ digest: OpaquePointer?, operation: String) throws -> String {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(pointer, digest, &output, &length) == 1 else {
            throw CryptoError.fromOpenSSLQueue(.invalidPEM, operation: operation)
        }
        return Digest.hex(output.prefix(Int(length)))
    }

    private func subjectAltNames() -> [String] {
        guard let raw = X509_get_ext_d2i(pointer, NID_subject_alt_name, nil, nil) else {
            return []
        }
        let names = OpaquePointer(raw)
        defer { GENERAL_NAMES_free(names) }

        return (0..<OPENSSL_sk_num(names)).compactMap { index in
            let entry = OPENSSL_sk_value(names, index)?.assumingMemoryBound(to: GENERAL_NAME.self)
            return entry.flatMap { Self.describe($0.pointee) }
        }
    }

    private static func describe(_ name: GENERAL_NAME) -> String? {
        switch name.type {
        case GEN_DNS:
            return "DNS:" + text(name.d.dNSName)
        case GEN_IPADD:
            return "IP:" + ipText(name.d.iPAddress)
        case GEN_EMAIL:
            return "email:" + text(name.d.rfc822Name)
        case GEN_URI:
            return "URI:" + text(name.d.uniformResourceIdentifier)
        default:
            return nil
        }
    }

    private static func bytes(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> [UInt8] {
        guard let string, let data = ASN1_STRING_get0_data(string) else {
            return []
        }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }

    private static func text(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> String {
        String(decoding: bytes(string), as: UTF8.self)
    }

    private static func ipText(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> String {
        let address = bytes(string)
        let family = address.count == 16 ? AF_INET6 : AF_INET
        guard address.count == 4 || address.count == 16 else {
            return Digest.hex(address)
        }

        var output = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(family, address, &output, socklen_t(output.count)) != nil else {
            return Digest.hex(address)
        }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// RFC 2253 output (reversed order, `,` separators, escaping) with UTF-8 left unescaped.
    private static let nameFlags =
        ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_UTF8_CONVERT | ASN1_STRFLGS_DUMP_UNKNOWN
        | ASN1_STRFLGS_DUMP_DER | XN_FLAG_SEP_COMMA_PLUS | XN_FLAG_DN_REV | XN_FLAG_DUMP_UNKNOWN_FIELDS

    private static func rfc2253(_ name: OpaquePointer?, operation: String) throws -> String {
        let flags = UInt(nameFlags)
        return try MemoryBIO.writing(operation: operation) { bio in
            let written = X509_NAME_print_ex(bio, name, 0, flags)
            return written < 0 ? 0 : 1
        }
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?, operation: String) throws -> Date {
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else {
            throw CryptoError.fromOpenSSLQueue(.invalidPEM, operation: operation, detail: "unreadable validity date")
        }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
