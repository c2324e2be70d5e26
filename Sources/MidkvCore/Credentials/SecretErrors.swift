/// The `secret.*` errors for one document and requested type. Messages name keys, types and
/// JSON kinds; they never contain a value from the secret.
struct SecretErrors {
    let document: SecretDocument
    let requestedType: String
    let requested: CredentialType

    init(mapping: CredentialMapping) {
        self.document = mapping.document
        self.requestedType = mapping.requestedType
        self.requested = mapping.requested
    }

    // MARK: - Type

    func missingType(state: String) -> MidkvError {
        let problem =
            switch state {
            case "empty": "an empty `type`"
            case "null": "`type` set to null"
            default: "no `type` field"
            }
        return MidkvError(
            .secretMissingField,
            "\(subject) has \(problem); the credential format requires a type name there",
            evidence: baseEvidence + [Evidence("field", "type"), Evidence("state", state), keysPresent],
            cause: "Each secret names its credential type in `type`, so a mismatch with the record can be caught.",
            fix: "Add `\"type\": \"\(requested.documentedJSONType)\"`. Expected: \(requested.expectedShapes)."
        )
    }

    func typeMismatch(found type: String) -> MidkvError {
        let caseOnly = requested.spellings.contains(type.lowercased())
        let cause =
            caseOnly
            ? "\(Self.shown(type)) differs from `\(type.lowercased())` only in letter case; type strings are lower case."
            : "Type `\(requestedType)` accepts only the JSON type \(Self.list(requested.spellings))."

        return MidkvError(
            .secretTypeMismatch,
            "\(subject) has type \(Self.shown(type)), but the credential record asks for `\(requestedType)`",
            evidence: baseEvidence + [
                Evidence("JSON type", Self.plain(type)),
                Evidence("accepted types", requested.spellings.joined(separator: ", ")),
            ],
            cause: cause,
            fix: "Store the secret in the form type `\(requestedType)` expects: \(requested.expectedShapes). "
                + "If the secret is right as it is, change the record's type or point the record at another secret."
        )
    }

    func unknownType(_ type: String) -> MidkvError {
        MidkvError(
            .secretUnknownType,
            "\(subject) has type \(Self.shown(type)), which is not a known credential type",
            evidence: baseEvidence + [
                Evidence("JSON type", Self.plain(type)),
                Evidence("known types", CredentialType.knownJSONTypes.joined(separator: ", ")),
                keysPresent,
            ],
            cause: "Another type is read as an application credential only when it has non-empty `user` and "
                + "`password`; this secret does not.",
            fix: "Set `type` to `\(requested.documentedJSONType)` for this `\(requestedType)` record. "
                + "Expected: \(requested.expectedShapes)."
        )
    }

    // MARK: - Fields

    func missingField(_ field: CredentialField, in shape: CredentialShape, state: String) -> MidkvError {
        let similar = FieldNameSuggester.suggestion(for: field.key, among: unreadKeys)
        let problem =
            switch state {
            case "empty": "has an empty `\(field.key)`"
            case "null": "has `\(field.key)` set to null"
            default: "lacks the field `\(field.key)`"
            }

        var evidence = baseEvidence + [Evidence("field", field.key), Evidence("state", state), keysPresent]
        evidence.append(Evidence("required keys", shape.requiredKeys.joined(separator: ", ")))
        if !shape.optionalKeys.isEmpty {
            evidence.append(Evidence("optional keys", shape.optionalKeys.joined(separator: ", ")))
        }
        if let similar {
            evidence.append(Evidence("similar key", similar))
        }

        let expected = "Expected: \(shape.expectedShape(type: requested.documentedJSONType))."
        return MidkvError(
            .secretMissingField,
            "\(subject) \(problem), required for type `\(requestedType)`"
                + (similar.map { "; it has `\($0)` instead" } ?? ""),
            evidence: evidence,
            cause: missingCause(field, similar: similar),
            fix: similar.map { "Rename `\($0)` to `\(field.key)`. \(expected)" }
                ?? "Add `\(field.key)` with a non-empty string. \(expected)"
        )
    }

    /// One error for several required fields that are absent, null or empty, so that all of them
    /// can be fixed in one go.
    func missingFields(_ absent: [(field: CredentialField, state: String)], in shape: CredentialShape) -> MidkvError {
        let keys = absent.map(\.field.key)
        let renames = absent.compactMap { entry in
            FieldNameSuggester.suggestion(for: entry.field.key, among: unreadKeys).map {
                (from: $0, to: entry.field.key)
            }
        }
        let described = absent.map { $0.state == "missing" ? "`\($0.field.key)`" : "`\($0.field.key)` (\($0.state))" }

        var evidence = baseEvidence + [Evidence("missing fields", keys.joined(separator: ", ")), keysPresent]
        evidence.append(Evidence("required keys", shape.requiredKeys.joined(separator: ", ")))
        if !renames.isEmpty {
            evidence.append(Evidence("similar keys", renames.map { "\($0.from) for \($0.to)" }.joined(separator: ", ")))
        }

        let resolverKeys = absent.compactMap(\.field.resolverKey).map { "`\($0)`" }
        let cause =
            resolverKeys.isEmpty ? nil : "Without them the resolver's answer would lack \(Self.all(resolverKeys))."
        return MidkvError(
            .secretMissingField,
            "\(subject) lacks \(absent.count) fields required for type `\(requestedType)`: \(Self.all(described))",
            evidence: evidence,
            cause: cause,
            fix: missingFieldsFix(keys, renames: renames, shape: shape)
        )
    }

    private func missingFieldsFix(
        _ keys: [String],
        renames: [(from: String, to: String)],
        shape: CredentialShape
    ) -> String {
        let added = keys.filter { key in !renames.contains { $0.to == key } }.map { "`\($0)`" }
        var steps = renames.map { "rename `\($0.from)` to `\($0.to)`" }
        if !added.isEmpty {
            steps.append(
                "add \(Self.all(added)) with " + (added.count == 1 ? "a non-empty string" : "non-empty strings")
            )
        }

        let sentence = steps.joined(separator: "; ")
        let expected = "Expected: \(shape.expectedShape(type: requested.documentedJSONType))."
        return sentence.prefix(1).uppercased() + sentence.dropFirst() + ". " + expected
    }

    func wrongFieldType(_ key: String, found value: JSONValue) -> MidkvError {
        let fix =
            switch value {
            case .array, .object: "Replace the \(value.kindName) in `\(key)` with one JSON string."
            default: "Write the value of `\(key)` in double quotes, as a JSON string."
            }
        return MidkvError(
            .secretWrongFieldType,
            "\(subject): `\(key)` holds \(value.kindWithArticle), but it must be a string",
            evidence: baseEvidence + [
                Evidence("field", key),
                Evidence("found JSON type", value.kindName),
                Evidence("expected JSON type", "string"),
            ],
            fix: fix
        )
    }

    // MARK: - Shared pieces

    private func missingCause(_ field: CredentialField, similar: String?) -> String? {
        if case .requiredWith(let other) = field.presence {
            return "`\(field.key)` is required because `\(other)` is set; the two go together."
        }
        if let similar {
            return "`\(similar)` is not a key this type reads; it looks like a misspelling of `\(field.key)`."
        }
        return field.resolverKey.map { "Without it the resolver's answer would lack `\($0)`." }
    }

    /// Keys the requested type does not read under any spelling.
    private var unreadKeys: [String] {
        document.keys.filter { $0 != "type" && !requested.allSpellings.contains($0) }
    }

    private var subject: String {
        document.secretName.map { "Secret `\($0)`" } ?? "The secret"
    }

    private var baseEvidence: [Evidence] {
        let name = document.secretName.map { [Evidence("secret", $0)] } ?? []
        return name + [Evidence("requested type", requestedType)]
    }

    private var keysPresent: Evidence {
        Evidence("keys present", document.keys.isEmpty ? "none" : document.keys.joined(separator: ", "))
    }

    /// A `type` value in backticks when it looks like a type name; otherwise only its length,
    /// in case a value was pasted into `type` by mistake.
    static func shown(_ type: String) -> String {
        looksLikeTypeName(type) ? "`\(type)`" : plain(type)
    }

    /// The `type` value for evidence, under the same rule as ``shown(_:)``, without backticks.
    static func plain(_ type: String) -> String {
        looksLikeTypeName(type) ? type : "a \(type.count)-character value that is not a type name"
    }

    private static func looksLikeTypeName(_ type: String) -> Bool {
        type.count <= 64 && type.allSatisfy { KeyVaultName.isASCIIAlphanumeric($0) || "_-,. ".contains($0) }
    }

    /// Joins names into "`a`", "`a` and `b`" or "`a`, `b` and `c`".
    static func all(_ names: [String]) -> String {
        guard names.count > 1 else {
            return names.first ?? ""
        }
        return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
    }

    static func list(_ names: [String]) -> String {
        let quoted = names.map { "`\($0)`" }
        guard quoted.count > 1 else {
            return quoted.first ?? ""
        }
        return quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "")
    }
}
