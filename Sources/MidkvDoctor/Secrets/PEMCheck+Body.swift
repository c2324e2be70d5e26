import MidkvCore

extension PEMCheck {
    // MARK: - Base64 body

    mutating func checkBase64() {
        if reading.invalidCharacterCount > 0 {
            reportInvalidCharacters()
        } else if reading.misplacedPadding {
            add(
                .error,
                .secretPEMInvalidBase64,
                "\(field): `=` appears inside the PEM body, where only the last one or two characters may be `=`",
                cause: "Two keys or two copies of one key were joined.",
                fix: Self.storeWholeKey
            )
        } else if reading.base64.count % 4 != 0 {
            reportLength()
        } else {
            checkLines()
            checkDERLength()
        }
    }

    private mutating func reportInvalidCharacters() {
        var evidence = [Evidence("characters outside base64", "\(reading.invalidCharacterCount)")]
        if let first = reading.invalidCharacters.first {
            let place = TextLocation(offset: first.offset, in: value)
            evidence += [
                Evidence("first", SuspiciousCharacter.describe(first.scalar)),
                Evidence("at", "line \(place.line) of the key, column \(place.column)"),
            ]
        }

        add(
            .error,
            .secretPEMInvalidBase64,
            "\(field): the PEM body has \(reading.invalidCharacterCount) "
                + "character\(reading.invalidCharacterCount == 1 ? "" : "s") outside the base64 alphabet",
            evidence: evidence,
            cause: "A PEM body holds only `A`-`Z`, `a`-`z`, `0`-`9`, `+`, `/` and final `=`; anything else "
                + "was added by an editor, a chat tool or a character-set conversion.",
            fix: Self.storeWholeKey
        )
    }

    private mutating func reportLength() {
        add(
            .error,
            .secretPEMInvalidBase64,
            "\(field): the PEM body has \(reading.base64.count) base64 characters, not a multiple of 4",
            evidence: [
                Evidence("base64 characters", "\(reading.base64.count)"),
                Evidence("remainder", "\(reading.base64.count % 4)"),
            ],
            cause: "Characters are missing or extra: base64 comes in groups of four.",
            fix: Self.storeWholeKey
        )
    }

    private mutating func checkLines() {
        switch reading.lineProblem {
        case .uneven(let line, let length, let first):
            reportLines(
                "line \(line) of the body has \(length) characters where line 1 has \(first)",
                cause: "Key tools write every line but the last at the same length; a shorter or longer line "
                    + "usually means characters were lost or added there."
            )
        case .long(let length, let lines):
            reportLines(
                lines == 1
                    ? "the body is one line of \(length) characters" : "the body's lines are \(length) characters long",
                cause: "Key tools write lines of \(reading.lineWidth) characters, and some readers expect no more."
            )
        case nil:
            break
        }
    }

    private mutating func reportLines(_ problem: String, cause: String) {
        add(
            .warning,
            .secretPEMInvalidBase64,
            "\(field): \(problem)",
            evidence: [
                Evidence("body lines", "\(reading.lineLengths.count)"),
                Evidence("expected line length", "\(reading.lineWidth)"),
            ],
            cause: cause,
            fix: "Run `midkv secret lint --fix` to write the body in lines of \(reading.lineWidth) characters, "
                + "or store the original key file again."
        )
    }

    private mutating func checkDERLength() {
        switch reading.derLength {
        case .short(let expected, let found):
            add(
                .error,
                .secretPEMTruncated,
                "\(field): the key body is \(found) bytes but its structure announces \(expected): "
                    + "part of the key is missing",
                evidence: [
                    Evidence("decoded length", "\(found) bytes"), Evidence("announced length", "\(expected) bytes"),
                ],
                cause: "Lines of the body were lost when the key was copied.",
                fix: Self.storeWholeKey
            )
        case .long(let expected, let found):
            add(
                .warning,
                .secretPEMInvalidBase64,
                "\(field): the key body is \(found) bytes, \(found - expected) more than its structure announces",
                evidence: [
                    Evidence("decoded length", "\(found) bytes"), Evidence("announced length", "\(expected) bytes"),
                ],
                cause: "Extra data follows the key, such as part of a second key.",
                fix: Self.storeWholeKey
            )
        case .notDER:
            add(
                .error,
                .secretPEMInvalidBase64,
                "\(field): the body of the `\(reading.kind ?? "")` block does not decode to a key structure",
                cause: "The body is valid base64 but not DER, so the label and the content do not belong together.",
                fix: Self.storeWholeKey
            )
        case .matches, nil:
            break
        }
    }

    // MARK: - Kind and encryption

    mutating func checkKind(hasPassphrase: Bool) {
        guard let kind = reading.kind else {
            return
        }
        guard PEMReading.privateKeyLabels.contains(kind) else {
            reportNotPrivateKey(kind)
            return
        }

        if reading.isOpenSSH {
            reportOpenSSH()
        }
        if reading.isEncrypted, !hasPassphrase {
            reportEncryptedWithoutPassphrase()
        }
    }

    private mutating func reportNotPrivateKey(_ kind: String) {
        let what =
            kind.contains("PUBLIC KEY")
            ? "a public key" : kind.contains("CERTIFICATE") ? "a certificate" : "a `\(kind)` block"
        add(
            .error,
            .secretKeyUnsupportedFormat,
            "\(field) holds \(what) (`BEGIN \(kind)`), not a private key",
            evidence: [Evidence("label", kind)],
            cause: "The MID signs in with the private key; it reads RSA, DSA, EC, PKCS#8 and OpenSSH private keys.",
            fix: "Store the private key file instead."
        )
    }

    private mutating func reportOpenSSH() {
        let header = OpenSSHKeyHeader(reading: reading)
        let ed25519 = header?.keyType == "ssh-ed25519"
        add(
            .warning,
            .secretKeyOpenSSHFormat,
            "\(field) is in the OpenSSH key format (`BEGIN OPENSSH PRIVATE KEY`)",
            evidence: [Evidence("key type", header?.keyType ?? "unknown")],
            cause: "OpenSSH 7.8 and later write this format by default; older Java SSH libraries on MID Servers "
                + "reject it as an invalid private key.",
            fix: ed25519
                ? "If the MID rejects the key, use an RSA or ECDSA key: Ed25519 keys have no PEM form."
                : "If the MID rejects the key, convert a copy to PEM with `ssh-keygen -p -m PEM -f key` (it "
                    + "rewrites the file in place and keeps the pass phrase) and store it again."
        )
    }

    private mutating func reportEncryptedWithoutPassphrase() {
        let how =
            reading.kind == "ENCRYPTED PRIVATE KEY"
            ? "label `ENCRYPTED PRIVATE KEY` (PKCS#8)"
            : reading.hasEncryptedProcType
                ? "header `Proc-Type: 4,ENCRYPTED`"
                : "OpenSSH cipher `\(reading.openSSHCipher ?? "")`"
        add(
            .error,
            .secretKeyEncryptedNoPassphrase,
            "\(field) is encrypted, but the secret has no `ssh_passphrase`",
            evidence: [Evidence("encryption", how)],
            cause: "The MID needs the pass phrase to use an encrypted key, and reads it from `ssh_passphrase`.",
            fix: "Add `ssh_passphrase` with the key's pass phrase, or store a copy without one "
                + "(`ssh-keygen -p -N '' -f copy-of-key`)."
        )
    }
}
