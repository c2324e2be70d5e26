/// One `-----BEGIN label-----` … `-----END label-----` block of a PEM text.
///
/// Files that hold a certificate and its key together, or a chain, are split into blocks so
/// each one can be handed to OpenSSL on its own and a missing or encrypted key can be named
/// before any decoding starts.
struct PEMBlock {
    /// The label between `BEGIN` and the dashes, such as `PRIVATE KEY` or `CERTIFICATE`.
    var label: String
    /// The whole block, boundary lines included, with LF line ends.
    var text: String

    /// Whether the block is a private key of any form (PKCS #8, PKCS #1, SEC 1, encrypted).
    var isPrivateKey: Bool {
        label.hasSuffix("PRIVATE KEY")
    }

    /// Whether the key needs a passphrase: PKCS #8 `ENCRYPTED PRIVATE KEY`, or a traditional
    /// key with a `Proc-Type: 4,ENCRYPTED` header.
    var isEncrypted: Bool {
        label == "ENCRYPTED PRIVATE KEY" || text.contains("Proc-Type: 4,ENCRYPTED")
    }

    /// Every complete block of `pem`, in order; text around the blocks is skipped.
    static func all(in pem: String) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var open: (label: String, lines: [Substring])?

        for rawLine in pem.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = trimmingTrailingSpace(rawLine)
            guard var current = open else {
                open = beginLabel(line).map { ($0, [line]) }
                continue
            }

            current.lines.append(line)
            if line == "-----END \(current.label)-----" {
                blocks.append(PEMBlock(label: current.label, text: current.lines.joined(separator: "\n") + "\n"))
                open = nil
            } else {
                open = current
            }
        }
        return blocks
    }

    private static func beginLabel(_ line: Substring) -> String? {
        let prefix = "-----BEGIN "
        let suffix = "-----"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix), line.count > prefix.count + suffix.count else {
            return nil
        }
        return String(line.dropFirst(prefix.count).dropLast(suffix.count))
    }

    private static func trimmingTrailingSpace(_ line: Substring) -> Substring {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" || last == "\r" {
            trimmed.removeLast()
        }
        return trimmed
    }
}
