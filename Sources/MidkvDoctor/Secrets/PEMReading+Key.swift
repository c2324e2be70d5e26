/// What the body says about the key, from its first bytes only.
extension PEMReading {
    /// How the body's length compares with the length its DER header announces.
    enum DERLength: Sendable, Equatable {
        /// The body holds exactly the announced structure.
        case matches
        /// The body ends before the structure does: lines are missing.
        case short(expected: Int, found: Int)
        /// Bytes follow the structure.
        case long(expected: Int, found: Int)
        /// The body does not start with a DER sequence.
        case notDER
    }

    /// The labels whose body is one DER structure.
    static let derLabels: Set<String> = [
        "RSA PRIVATE KEY", "DSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
    ]

    /// The labels of private keys Java SSH stacks read, OpenSSH's included.
    static let privateKeyLabels = derLabels.union(["OPENSSH PRIVATE KEY"])

    /// The DER length check, for a valid base64 body of a DER label that is not encrypted the
    /// legacy way; `nil` when it does not apply.
    var derLength: DERLength? {
        guard let kind, Self.derLabels.contains(kind), isValidBase64, !hasEncryptedProcType else {
            return nil
        }

        let head = Base64Prefix.decode(base64, bytes: 6)
        guard head.count >= 2, head[0] == 0x30 else {
            return .notDER
        }
        guard let expected = Self.derTotal(head) else {
            return .notDER
        }
        if decodedLength < expected {
            return .short(expected: expected, found: decodedLength)
        }
        return decodedLength > expected ? .long(expected: expected, found: decodedLength) : .matches
    }

    /// The cipher an OpenSSH key names (`none` when it is not encrypted), or `nil` when the body
    /// does not start as an OpenSSH key does.
    var openSSHCipher: String? {
        OpenSSHKeyHeader(reading: self)?.cipher
    }

    /// Whether the key is encrypted: an `ENCRYPTED PRIVATE KEY` label, a `Proc-Type` header
    /// saying so, or an OpenSSH key naming a cipher.
    var isEncrypted: Bool {
        if kind == "ENCRYPTED PRIVATE KEY" || hasEncryptedProcType {
            return true
        }
        return openSSHCipher.map { $0 != "none" } ?? false
    }

    /// The size a DER header announces, header included.
    private static func derTotal(_ head: [UInt8]) -> Int? {
        let first = Int(head[1])
        guard first >= 0x80 else {
            return 2 + first
        }

        let count = first & 0x7F
        guard count >= 1, count <= 3, head.count >= 2 + count else {
            return nil
        }
        let length = head[2..<(2 + count)].reduce(0) { $0 << 8 | Int($1) }
        return 2 + count + length
    }
}

/// Decodes the start of a base64 text without decoding all of it.
enum Base64Prefix {
    /// Up to `bytes` decoded bytes from the start of `base64`.
    static func decode(_ base64: [UInt8], bytes: Int) -> [UInt8] {
        var result: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        for character in base64 {
            guard let value = sextet(character), result.count < bytes else {
                break
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                result.append(UInt8((accumulator >> UInt32(bits)) & 0xFF))
            }
        }
        return result
    }

    private static func sextet(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
