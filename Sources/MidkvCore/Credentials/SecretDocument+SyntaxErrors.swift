import MidkvSupport

extension SecretDocument {
    /// Builds `secret.not-json` errors from what is safe to show about a value: its length, the
    /// error position and the grammar, never its characters.
    struct SyntaxContext {
        let value: Secret
        let secretName: String?
        let expectedType: String?

        func notJSON(_ error: JSONSyntaxError) -> MidkvError {
            let position = TextPosition(offset: error.offset, in: value.reveal())
            let hints = [bareValueHint, hint(for: error.reason)].compactMap { $0 }
            let evidence =
                baseEvidence + [
                    Evidence("line", "\(position.line)"),
                    Evidence("column", "\(position.column)"),
                    Evidence("byte offset", "\(error.offset)"),
                    Evidence("problem", error.summary),
                ]

            return MidkvError(
                .secretNotJSON,
                "\(subject) is not valid JSON: \(error.summary) (line \(position.line), column \(position.column))",
                evidence: evidence,
                cause: hints.isEmpty ? nil : hints.joined(separator: " "),
                fix: fix(for: error.reason)
            )
        }

        func notAnObject(_ value: JSONValue) -> MidkvError {
            let bare = value.kindName != "array" ? bareValueHint : nil
            return MidkvError(
                .secretNotJSON,
                "\(subject) is JSON but \(value.kindWithArticle), not an object with a `type` key",
                evidence: baseEvidence + [Evidence("JSON type", value.kindName)],
                cause: bare ?? "The credential format is one JSON object per secret.",
                fix: "Store one JSON object: \(expectedJSON)."
            )
        }

        private var subject: String {
            secretName.map { "The value of secret `\($0)`" } ?? "The secret value"
        }

        private var baseEvidence: [Evidence] {
            let name = secretName.map { [Evidence("secret", $0)] } ?? []
            return name + [Evidence("value length", "\(value.utf8Count) bytes")]
        }

        private var expectedJSON: String {
            let type = expectedType.map(CredentialType.requested) ?? .application("<type>")
            return type.expectedShapes
        }

        /// A hint when the value does not even try to be an object.
        private var bareValueHint: String? {
            let text = value.reveal().drop { $0.isWhitespace }
            if text.hasPrefix("-----BEGIN") {
                return "The value looks like a bare PEM key: the key belongs inside a JSON object."
            }
            guard !text.contains("{") else {
                return nil
            }
            return "The value has no `{`: it looks like a bare password or key rather than a JSON object."
        }

        private func hint(for reason: JSONSyntaxError.Reason) -> String? {
            switch reason {
            case .controlCharacter(true):
                "JSON strings cannot hold raw line breaks; a multi-line value such as a PEM key must "
                    + "write each one as `\\n`."
            case .singleQuote:
                "JSON needs double quotes around keys and strings."
            case .byteOrderMark:
                "The file it was loaded from was saved with a byte-order mark."
            case .duplicateKey:
                "JSON readers disagree on which of two equal keys wins, so midkv accepts neither."
            case .invalidEscape:
                "A literal backslash, as in `DOMAIN\\user`, must be written `\\\\` inside a JSON string."
            default:
                nil
            }
        }

        private func fix(for reason: JSONSyntaxError.Reason) -> String {
            switch reason {
            case .controlCharacter(true):
                "Escape the line breaks, for example by building the value with "
                    + "`jq -n --rawfile key key.pem '{type: \"ssh_private_key\", user: \"<user name>\", "
                    + "ssh_private_key: $key}'`, then store the output. Expected: \(expectedJSON)."
            case .byteOrderMark:
                "Save the file as UTF-8 without a byte-order mark and store the value again."
            case .duplicateKey(let key):
                "Keep one `\(key)` key in the object."
            default:
                "Store the value as one JSON object: \(expectedJSON)."
            }
        }
    }
}
