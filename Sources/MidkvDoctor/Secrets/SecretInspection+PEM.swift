import MidkvCore

extension SecretInspection {
    /// Checks a key field: escaping, PEM structure, base64 body, key format and encryption.
    mutating func checkPEM(at index: Int, span: JSONStringSpan, expectsKey: Bool) {
        var value = JSONStringDecoder.utf8(span, in: text)
        guard !value.isEmpty else {
            return
        }

        let escaped = PEMEscapes.escapedLineBreaks(in: value)
        if escaped > 0 {
            reportEscaped(escaped, realBreaks: value.count { $0 == 0x0A }, at: index)
            notes[index].pemEscaped = true
            value = PEMEscapes.unescaped(value)
        }

        let reading = PEMReader.read(value)
        notes[index].pem = reading
        var check = PEMCheck(reading: reading, value: value, field: FindingText.key(members[index].key))
        check.run(expectsKey: expectsKey, hasPassphrase: hasPassphrase)
        for finding in check.findings {
            report(
                finding.severity,
                finding.code,
                finding.message,
                evidence: finding.evidence,
                cause: finding.cause,
                fix: finding.fix
            )
        }
    }

    /// Whether a pass phrase field holds a non-empty string.
    private var hasPassphrase: Bool {
        members.indices.contains { index in
            guard notes[index].field?.resolverKey == .passphrase, let span = members[index].valueSpan else {
                return false
            }
            return span.end > span.start
        }
    }

    private mutating func reportEscaped(_ pairs: Int, realBreaks: Int, at index: Int) {
        let name = FindingText.key(members[index].key)
        report(
            .error,
            .secretPEMEscaped,
            "\(name) has its line breaks written as the two characters `\\n`: the value was escaped twice",
            evidence: [
                Evidence("field", name),
                Evidence("escaped line breaks", "\(pairs)"),
                Evidence("real line breaks", "\(realBreaks)"),
            ],
            cause: "The JSON was built from a key that was already escaped, or `\\n` was typed into the portal; "
                + "after the MID decodes the JSON, the key still has no line breaks and no PEM reader accepts it.",
            fix: "Build the value from the key file with `midkv secret make --type ssh_private_key --user USER "
                + "--private-key-file KEY -o key.json`, or run `midkv secret lint --fix`."
        )
    }
}
