/// The unencrypted start of an OpenSSH private key: the cipher and the key type.
struct OpenSSHKeyHeader: Sendable, Equatable {
    /// The cipher, `none` for a key without pass phrase.
    var cipher: String
    /// The type of the first public key, such as `ssh-ed25519`, when the header shows it.
    var keyType: String?

    /// Reads the header of an OpenSSH key's body; `nil` when it is not one.
    init?(reading: PEMReading) {
        guard reading.isOpenSSH, reading.invalidCharacterCount == 0 else {
            return nil
        }

        var cursor = Cursor(bytes: Base64Prefix.decode(reading.base64, bytes: 160))
        guard cursor.take(Array("openssh-key-v1\0".utf8)), let cipher = cursor.string() else {
            return nil
        }

        self.cipher = cipher
        guard cursor.string() != nil, cursor.skipString(), cursor.uint32() != nil, cursor.uint32() != nil else {
            return
        }
        keyType = cursor.string()
    }

    /// Reads SSH wire encoding: big-endian lengths followed by bytes.
    private struct Cursor {
        let bytes: [UInt8]
        var index = 0

        mutating func take(_ expected: [UInt8]) -> Bool {
            guard bytes.count >= index + expected.count, bytes[index..<(index + expected.count)].elementsEqual(expected)
            else {
                return false
            }
            index += expected.count
            return true
        }

        mutating func uint32() -> Int? {
            guard bytes.count >= index + 4 else {
                return nil
            }
            defer { index += 4 }
            return bytes[index..<(index + 4)].reduce(0) { $0 << 8 | Int($1) }
        }

        mutating func string() -> String? {
            guard let length = uint32(), length <= 64, bytes.count >= index + length else {
                return nil
            }
            defer { index += length }
            return String(decoding: bytes[index..<(index + length)], as: UTF8.self)
        }

        mutating func skipString() -> Bool {
            guard let length = uint32(), bytes.count >= index + length else {
                return false
            }
            index += length
            return true
        }
    }
}
