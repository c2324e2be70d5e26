import MidkvCore

extension SecretInspection {
    private static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Checks that the input is UTF-8 without a byte-order mark, without NUL bytes, and
    /// recovers the text when that is certain: a dropped UTF-8 mark, or UTF-16 with a mark.
    mutating func checkEncoding(_ input: [UInt8]) {
        if input.starts(with: Self.utf8ByteOrderMark) {
            reportUTF8ByteOrderMark()
            text = Array(input.dropFirst(3))
            encodingChange = .droppedByteOrderMark
        } else if input.count >= 2, input[0] == 0xFF && input[1] == 0xFE || input[0] == 0xFE && input[1] == 0xFF {
            guard convertUTF16(input, bigEndian: input[0] == 0xFE) else {
                return
            }
        } else {
            text = input
        }

        guard checkNUL(), checkUTF8() else {
            return
        }
        isReadable = true
    }

    // MARK: - Byte-order marks and UTF-16

    private mutating func reportUTF8ByteOrderMark() {
        report(
            .error,
            .secretEncoding,
            "The value starts with a UTF-8 byte-order mark (U+FEFF)",
            evidence: [Evidence("first bytes", "EF BB BF")],
            cause: "Editors that save \"UTF-8 with BOM\" put these three bytes first; the MID's JSON reader "
                + "sees a character before `{` and rejects the value. Offsets in other findings count them.",
            fix: "Save the file as UTF-8 without a byte-order mark, or run `midkv secret lint --fix`, and store "
                + "the value again."
        )
    }

    private mutating func convertUTF16(_ input: [UInt8], bigEndian: Bool) -> Bool {
        let order = bigEndian ? "big-endian" : "little-endian"
        let units = Self.codeUnits(input.dropFirst(2), bigEndian: bigEndian)
        let decoded = units.flatMap { String(validating: $0, as: UTF16.self) }
        report(
            .error,
            .secretEncoding,
            "The value is UTF-16 text (\(order), with a byte-order mark), not UTF-8",
            evidence: [
                Evidence("first bytes", bigEndian ? "FE FF" : "FF FE"),
                Evidence("input length", "\(input.count) bytes"),
            ],
            cause: "Windows PowerShell's `>` and `Out-File` write UTF-16; stored as it is, every other byte of "
                + "the value is NUL and no JSON reader accepts it. Offsets in other findings count bytes of the "
                + "text converted to UTF-8.",
            fix: "Convert the file to UTF-8 (`iconv -f UTF-16 -t UTF-8`, PowerShell `Set-Content -Encoding utf8`), "
                + "or run `midkv secret lint --fix`, and store the value again."
        )
        guard let decoded else {
            return false
        }

        text = Array(decoded.utf8)
        encodingChange = .convertedFromUTF16(bigEndian: bigEndian)
        return true
    }

    /// Pairs of bytes as UTF-16 code units; `nil` for an odd count.
    private static func codeUnits(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt16]? {
        guard bytes.count % 2 == 0 else {
            return nil
        }

        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        return units
    }

    // MARK: - NUL bytes and invalid UTF-8

    private mutating func checkNUL() -> Bool {
        guard let first = text.firstIndex(of: 0) else {
            return true
        }

        if let order = Self.utf16WithoutMark(text) {
            reportUTF16WithoutMark(order)
            return false
        }
        report(
            .error,
            .secretEncoding,
            "The value contains NUL bytes",
            evidence: location(first) + [Evidence("NUL bytes", "\(text.count { $0 == 0 })")],
            cause: "No credential holds NUL bytes; they come from UTF-16 text or binary data pasted as text.",
            fix: "Store the credential as UTF-8 JSON text; for binary material such as a keystore, store its base64 "
                + "form in the field that expects it."
        )
        return false
    }

    private mutating func reportUTF16WithoutMark(_ order: String) {
        report(
            .error,
            .secretEncoding,
            "The value looks like UTF-16 text (\(order), no byte-order mark), not UTF-8",
            evidence: [Evidence("NUL bytes", "\(text.count { $0 == 0 }) of \(text.count)")],
            cause: "Every other byte is NUL, as in UTF-16 text of ASCII characters. Without a byte-order mark the "
                + "byte order is a guess, so midkv does not convert it.",
            fix: "Convert the file with `iconv -f UTF-16\(order == "little-endian" ? "LE" : "BE") -t UTF-8` and "
                + "store the value again."
        )
    }

    /// `little-endian` or `big-endian` when `bytes` look like UTF-16 ASCII text: NUL in nearly
    /// every odd (or even) position and nowhere else.
    private static func utf16WithoutMark(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 4, bytes.count % 2 == 0 else {
            return nil
        }

        var zeros = (even: 0, odd: 0)
        for (index, byte) in bytes.enumerated() where byte == 0 {
            if index % 2 == 0 { zeros.even += 1 } else { zeros.odd += 1 }
        }
        let half = bytes.count / 2
        if zeros.even == 0, zeros.odd * 10 >= half * 9 {
            return "little-endian"
        }
        return zeros.odd == 0 && zeros.even * 10 >= half * 9 ? "big-endian" : nil
    }

    private mutating func checkUTF8() -> Bool {
        guard let invalid = UTF8Validation.invalidSequences(in: text), let first = invalid.first else {
            return true
        }

        report(
            .error,
            .secretEncoding,
            "The value is not valid UTF-8",
            evidence: location(first) + [Evidence("invalid sequences", "\(invalid.count)")],
            cause: "Bytes that are not UTF-8 usually mean the file was saved in a legacy code page such as "
                + "Windows-1252, where accented letters, `€` and typographic quotes are single bytes.",
            fix: "Re-save the file as UTF-8 (for Windows-1252: `iconv -f WINDOWS-1252 -t UTF-8`) and store the "
                + "value again."
        )
        return false
    }
}
