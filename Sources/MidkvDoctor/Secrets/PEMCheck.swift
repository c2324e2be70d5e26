import MidkvCore

/// Turns a ``PEMReading`` of one key field into findings, most fundamental first: a value that
/// is no PEM key at all, then a cut-off or mismatched block, the layout, the base64 body, and
/// last the key's format and encryption.
struct PEMCheck {
    let reading: PEMReading
    /// The decoded (and unescaped) field value.
    let value: [UInt8]
    /// The field's name, ready for messages.
    let field: String
    private(set) var findings: [Finding] = []

    init(reading: PEMReading, value: [UInt8], field: String) {
        self.reading = reading
        self.value = value
        self.field = field
    }

    /// Runs the checks; `expectsKey` when the field must hold a private key.
    mutating func run(expectsKey: Bool, hasPassphrase: Bool) {
        guard checkPresence(expectsKey: expectsKey), checkBlock() else {
            return
        }

        checkLayout()
        checkBase64()
        checkKind(hasPassphrase: hasPassphrase)
    }

    // MARK: - Presence and block

    private mutating func checkPresence(expectsKey: Bool) -> Bool {
        guard !reading.hasHeader else {
            return true
        }

        if reading.isPuTTYKey {
            add(
                .error,
                .secretKeyUnsupportedFormat,
                "\(field) holds a PuTTY key file (.ppk), not a PEM private key",
                cause: "Java SSH stacks read PEM and OpenSSH keys; PuTTY's own format is not one of them.",
                fix: "Export the key in OpenSSH form (PuTTYgen: Conversions > Export OpenSSH key, or "
                    + "`puttygen key.ppk -O private-openssh -o key.pem`) and store that."
            )
        } else if reading.isOpenSSHPublicKey {
            add(
                .error,
                .secretKeyUnsupportedFormat,
                "\(field) holds an OpenSSH public key or certificate line, not the private key",
                cause: "The `.pub` file was stored instead of the private key file next to it.",
                fix: "Store the private key file (such as `id_rsa`, not `id_rsa.pub`)."
            )
        } else if reading.hasFooter {
            add(
                .error,
                .secretPEMTruncated,
                "\(field) has a `-----END` line but no `-----BEGIN` line: the start of the key is missing",
                evidence: [Evidence("value length", "\(value.count) bytes")],
                cause: "The key lost its first lines when it was copied.",
                fix: Self.storeWholeKey
            )
        } else if expectsKey {
            reportNoHeader()
        }
        return false
    }

    private mutating func reportNoHeader() {
        let text = String(decoding: value, as: UTF8.self).trimmingWhitespace
        let path = text.hasPrefix("/") || text.hasPrefix("~") || text.dropFirst().hasPrefix(":\\")
        let bare = !text.isEmpty && text.utf8.allSatisfy { PEMBodyReader.isBase64($0) || $0 == 0x3D || $0 <= 0x20 }
        add(
            .error,
            .secretPEMTruncated,
            "\(field) holds no `-----BEGIN` line: it is not a PEM key",
            evidence: [Evidence("value length", "\(value.count) bytes")],
            cause: path
                ? "The value looks like a file path; the MID needs the key itself."
                : bare
                    ? "The value looks like a base64 body without its header and footer lines."
                    : "A private key field holds the whole PEM text, from `-----BEGIN` to `-----END`.",
            fix: Self.storeWholeKey
        )
    }

    private mutating func checkBlock() -> Bool {
        guard reading.headerComplete, let label = reading.label else {
            add(
                .error,
                .secretPEMTruncated,
                "\(field) has a `-----BEGIN` line that does not end with five dashes",
                cause: "The header line was cut off or edited.",
                fix: Self.storeWholeKey
            )
            return false
        }

        guard reading.hasFooter else {
            reportNoFooter(label)
            return false
        }
        if let footer = reading.footerLabel, footer != label {
            add(
                .error,
                .secretPEMTruncated,
                "\(field) begins as `\(label)` but ends as `\(footer)`",
                evidence: [Evidence("header label", label), Evidence("footer label", footer)],
                cause: "Parts of two keys were joined, or the key was edited by hand.",
                fix: Self.storeWholeKey
            )
            return false
        }
        return true
    }

    private mutating func reportNoFooter(_ label: String) {
        let empty = reading.base64.isEmpty
        add(
            .error,
            .secretPEMTruncated,
            empty
                ? "\(field) holds only the `-----BEGIN \(label)-----` line: the body and footer are missing"
                : "\(field) has no `-----END \(label)-----` line: the key is cut off",
            evidence: [
                Evidence("label", label),
                Evidence("base64 characters", "\(reading.base64.count)"),
                Evidence("line breaks in the body", "\(reading.bodyLineBreaks)"),
            ],
            cause: empty
                ? "Setting a multi-line value with `az keyvault secret set --value` or a one-line input box keeps "
                    + "only the first line."
                : "The key was cut off when it was copied or stored.",
            fix: Self.storeWholeKey
        )
    }

    // MARK: - Layout

    private mutating func checkLayout() {
        guard !reading.flattening.isEmpty else {
            return
        }

        add(
            .error,
            .secretPEMFlattened,
            "\(field): the PEM header, body and footer are not on lines of their own",
            evidence: [
                Evidence("problem", reading.flattening.joined(separator: "; ")),
                Evidence("line breaks in the body", "\(reading.bodyLineBreaks)"),
                Evidence("base64 characters", "\(reading.base64.count)"),
            ],
            cause: "The portal's input box and `az keyvault secret set --value` drop the line breaks of "
                + "multi-line values; a PEM reader needs the header and footer on lines of their own.",
            fix: "Store the key with its line breaks (`midkv secret make --type ssh_private_key --user USER "
                + "--private-key-file KEY -o key.json`, then `midkv secret put`), or run `midkv secret lint --fix`, "
                + "which writes the body again in lines of \(reading.lineWidth) characters."
        )
    }

    static let storeWholeKey =
        "Store the whole key file, for example with `midkv secret make --type ssh_private_key --user USER "
        + "--private-key-file KEY -o key.json` and `midkv secret put`, or `az keyvault secret set --file`."
}

extension PEMCheck {
    /// Records a finding of the `secret` check with the field in its evidence.
    mutating func add(
        _ severity: Finding.Severity,
        _ code: ErrorCode,
        _ message: String,
        evidence: [Evidence] = [],
        cause: String? = nil,
        fix: String? = nil
    ) {
        let finding = Finding(
            check: SecretLinter.check,
            severity: severity,
            code: code,
            message: message,
            evidence: [Evidence("field", field)] + evidence,
            cause: cause,
            fix: fix
        )
        findings.append(finding)
    }
}
