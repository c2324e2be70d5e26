import MidkvCore

extension ConfigReview {
    // MARK: - config.exposed-secret

    /// Plain-text secrets in a file that the group or everyone may read.
    func exposureFindings() -> [Finding] {
        guard let status, status.isReadableByOthers else {
            return []
        }

        var seen: Set<String> = []
        let exposed = file.parameters.reversed()
            .filter { ConfigParameters.holdsSecret($0) && $0.form == .plain && seen.insert($0.name).inserted }
            .reversed()
        guard let first = exposed.first else {
            return []
        }

        return [
            finding(
                .warning,
                .configExposedSecret,
                "config.xml holds secrets in plain text and is readable by \(status.readers) (mode \(status.octal))",
                line: first.line,
                evidence: [
                    Evidence("mode", status.octal),
                    Evidence(
                        "plain-text secrets",
                        exposed.map { "\($0.name) (line \($0.line))" }.joined(separator: ", ")
                    ),
                ],
                cause: "Any account on this host that can read the file can read these values.",
                fix: "Run `chmod 600 \(file.path)` so only the MID Server's service account reads it; restarting the "
                    + "MID then encrypts the values marked secure=\"true\"."
            )
        ]
    }

    // MARK: - config.encrypted-value

    /// The values the MID encrypted, which midkv cannot read, and how to give them to midkv.
    func encryptedFindings() -> [Finding] {
        guard let settings else {
            return []
        }

        return settings.encryptedValues.filter { ConfigParameters.known.contains($0.parameter.name) }.map { value in
            finding(
                .note,
                .configEncryptedValue,
                value.explanation,
                line: value.parameter.line,
                parameter: value.parameter.name,
                evidence: [
                    Evidence("format", value.encryption.description),
                    Evidence("supplied elsewhere", value.isSuperseded ? "yes" : "no"),
                ],
                cause: "The MID encrypted the value when it started; only that MID can decrypt it.",
                fix: value.isSuperseded
                    ? "Nothing to change." : "To let midkv check with this value, \(value.key.supplyHint)."
            )
        }
    }
}
