import MidkvSupport

/// Checks a secret document against a requested credential type and builds the resolver answer,
/// collecting every problem instead of stopping at the first.
struct CredentialMapping {
    let document: SecretDocument
    let requestedType: String
    let requested: CredentialType

    private(set) var problems: [MidkvError] = []
    /// The required fields found missing, null or empty, with that state, in the shape's order.
    private var absent: [(field: CredentialField, state: String)] = []
    private var shape: CredentialShape?
    private var jsonType: String?
    private var fields: [MIDCredential.Field] = []
    private var aliases: [MIDCredential.AliasUse] = []
    private var used: Set<String> = ["type"]
    private var domain: String?

    init(document: SecretDocument, requestedType: String) {
        self.document = document
        self.requestedType = requestedType
        self.requested = CredentialType.requested(requestedType)
    }

    /// Runs every check; returns the credential when there were no problems.
    mutating func run() -> MIDCredential? {
        checkType()
        let shape = chooseShape()
        self.shape = shape
        for field in shape.fields {
            map(field, in: shape)
        }

        qualifyUser()
        guard problems.isEmpty, let jsonType else {
            return nil
        }
        return MIDCredential(
            requestedType: requestedType,
            credentialType: requested,
            jsonType: jsonType,
            fields: fields,
            aliasesUsed: aliases,
            ignoredKeys: document.keys.filter { !used.contains($0) }
        )
    }

    /// The problem to report when only one can be: the first, except that when it is an absent
    /// required field, one error names every absent required field, so the value can be fixed at once.
    var leadingProblem: MidkvError? {
        guard let first = problems.first, absent.count > 1, let shape,
            first.code == .secretMissingField, first.evidence("field") == absent[0].field.key
        else {
            return problems.first
        }
        return SecretErrors(mapping: self).missingFields(absent, in: shape)
    }

    // MARK: - Type

    private mutating func checkType() {
        let errors = SecretErrors(mapping: self)
        switch document.member("type") {
        case nil:
            problems.append(errors.missingType(state: "missing"))
        case .null?:
            problems.append(errors.missingType(state: "null"))
        case .string(let value)? where value.isEmpty:
            problems.append(errors.missingType(state: "empty"))
        case .string(let value)?:
            checkTypeFits(value.reveal())
        case let other?:
            problems.append(errors.wrongFieldType("type", found: other))
        }
    }

    private mutating func checkTypeFits(_ type: String) {
        jsonType = type
        if requested.accepts(jsonType: type) {
            if type != requested.documentedJSONType {
                aliases.append(
                    MIDCredential.AliasUse(kind: .type, spelling: type, canonical: requested.documentedJSONType)
                )
            }
            return
        }

        let errors = SecretErrors(mapping: self)
        if CredentialType.named(type) != nil || hasUserAndPassword {
            problems.append(errors.typeMismatch(found: type))
        } else {
            problems.append(errors.unknownType(type))
        }
    }

    private var hasUserAndPassword: Bool {
        ["user", "password"].allSatisfy { key in
            guard case .string(let value)? = document.member(key) else {
                return false
            }
            return !value.isEmpty
        }
    }

    // MARK: - Fields

    /// The shape whose required keys are all present; else the one sharing most keys with the
    /// document; the first on a tie.
    private func chooseShape() -> CredentialShape {
        let present = Set(document.keys)
        if let complete = requested.shapes.first(where: { shape in
            shape.fields.filter(\.isRequired).allSatisfy { !present.isDisjoint(with: $0.spellings) }
        }) {
            return complete
        }

        let scored = requested.shapes.map { ($0, $0.allSpellings.intersection(present).count) }
        let best = scored.max { $0.1 < $1.1 }?.1 ?? 0
        return scored.first { $0.1 == best }?.0 ?? requested.primaryShape
    }

    private mutating func map(_ field: CredentialField, in shape: CredentialShape) {
        guard let found = lookup(field) else {
            reportAbsent(field, in: shape, state: "missing")
            return
        }

        switch found.value {
        case .null:
            reportAbsent(field, in: shape, state: "null")
        case .string(let value):
            accept(value, for: field, spelledAs: found.key, in: shape)
        default:
            problems.append(SecretErrors(mapping: self).wrongFieldType(found.key, found: found.value))
        }
    }

    private mutating func accept(
        _ value: Secret,
        for field: CredentialField,
        spelledAs key: String,
        in shape: CredentialShape
    ) {
        if key != field.key {
            aliases.append(MIDCredential.AliasUse(kind: .field, spelling: key, canonical: field.key))
        }

        guard let resolverKey = field.resolverKey else {
            domain = value.reveal()
            return
        }
        guard !value.isEmpty else {
            reportAbsent(field, in: shape, state: "empty")
            return
        }
        fields.append(MIDCredential.Field(key: resolverKey, value: value, jsonKey: key))
    }

    private mutating func reportAbsent(_ field: CredentialField, in shape: CredentialShape, state: String) {
        guard isRequired(field) else {
            return
        }
        let errors = SecretErrors(mapping: self)
        problems.append(errors.missingField(field, in: shape, state: state))
        absent.append((field, state))
    }

    private func isRequired(_ field: CredentialField) -> Bool {
        switch field.presence {
        case .required:
            return true
        case .optional:
            return false
        case .requiredWith(let other):
            guard case .string(let value)? = document.member(other) else {
                return false
            }
            return !value.isEmpty
        }
    }

    /// The spelling to read: the first with a non-empty string, else the first present. Every
    /// spelling present with `null` counts as read.
    private mutating func lookup(_ field: CredentialField) -> JSONMember? {
        let present = field.spellings.compactMap { key in document.members.first { $0.key == key } }
        for member in present {
            if case .null = member.value {
                used.insert(member.key)
            }
        }

        let chosen =
            present.first {
                if case .string(let value) = $0.value { !value.isEmpty } else { false }
            } ?? present.first
        if let chosen {
            used.insert(chosen.key)
        }
        return chosen
    }

    // MARK: - Windows user

    /// `DOMAIN\user` when a domain is given, `.\user` when not; kept as written when the user
    /// already holds `\` or `@`.
    private mutating func qualifyUser() {
        guard requested.qualifiesUserWithDomain,
            let index = fields.firstIndex(where: { $0.key == .user })
        else {
            return
        }

        let user = fields[index].value.reveal()
        guard !user.contains("\\"), !user.contains("@") else {
            return
        }
        let prefix = domain.flatMap { $0.isEmpty ? nil : $0 } ?? "."
        fields[index] = MIDCredential.Field(
            key: .user,
            value: Secret("\(prefix)\\\(user)"),
            jsonKey: fields[index].jsonKey
        )
    }
}
