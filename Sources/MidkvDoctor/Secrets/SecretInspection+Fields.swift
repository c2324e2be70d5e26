import MidkvCore

extension SecretInspection {
    private static let pemMarkers = ["-----BEGIN", "-----END", "PRIVATE KEY", "PuTTY-User-Key-File"].map {
        Array($0.utf8)
    }

    /// Checks the value of each member the credential type reads, and of `type`.
    mutating func checkFields() {
        for index in members.indices {
            guard let span = members[index].valueSpan else {
                continue
            }

            if members[index].key == "type" {
                checkOneLine(at: index, span: span, place: .type, multiLine: false)
            } else if let field = notes[index].field {
                checkField(field, at: index, span: span)
            }
        }
    }

    private mutating func checkField(_ field: CredentialField, at index: Int, span: JSONStringSpan) {
        let expectsKey = field.spellings.contains { $0.hasSuffix("private_key") }
        guard expectsKey || looksLikeKey(span) else {
            let passThrough = field.resolverKey.map { !$0.isStandard } ?? false
            checkOneLine(at: index, span: span, place: .value, multiLine: passThrough)
            return
        }

        let scan = CharacterScan(span: span, in: text)
        reportCharacters(scan, inValueOf: index, place: .pem)
        checkPEM(at: index, span: span, expectsKey: expectsKey)
    }

    /// Checks a value that belongs on one line; `multiLine` lets line breaks inside pass.
    private mutating func checkOneLine(at index: Int, span: JSONStringSpan, place: Place, multiLine: Bool) {
        guard !isPlain(span) else {
            return
        }

        let scan = CharacterScan(span: span, in: text)
        reportCharacters(scan, inValueOf: index, place: place)
        if multiLine, scan.interiorLineBreaks > 0 {
            return
        }
        reportWhitespace(scan, inValueOf: index, place: place)
    }

    /// Whether the string is printable ASCII without escapes and without spaces at its ends:
    /// nothing for the character checks to find.
    private func isPlain(_ span: JSONStringSpan) -> Bool {
        guard !span.hasEscapes, span.start < span.end else {
            return !span.hasEscapes
        }
        guard text[span.start] != 0x20, text[span.end - 1] != 0x20 else {
            return false
        }
        return text[span.start..<span.end].allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Whether the raw string holds PEM or key-file markers.
    private func looksLikeKey(_ span: JSONStringSpan) -> Bool {
        Self.pemMarkers.contains { marker in
            var index = span.start
            while index + marker.count <= span.end {
                if text[index] == marker[0], text[index..<(index + marker.count)].elementsEqual(marker) {
                    return true
                }
                index += 1
            }
            return false
        }
    }
}
