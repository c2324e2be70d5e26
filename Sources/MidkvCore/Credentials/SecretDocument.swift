import MidkvSupport

/// A Key Vault secret's value read as the JSON object of the Key Vault credential format.
///
/// Parsing only checks that the value is a JSON object; ``credential(for:)`` then checks it
/// against the credential type the MID asked for and builds the resolver's answer.
///
/// ```swift
/// let document = try SecretDocument(parsing: secret.value, secretName: "linux-root-ssh")
/// let credential = try document.credential(for: "ssh_private_key")
/// ```
///
/// Values stay wrapped as ``Secret``; printing or dumping a document shows its keys only.
/// Errors name keys, JSON types, lengths and positions, never values.
public struct SecretDocument: Sendable, CustomStringConvertible, CustomReflectable {
    /// The secret's name in Key Vault, used in messages, if known.
    public let secretName: String?
    /// The object's members, in document order.
    let members: [JSONMember]

    /// Parses a secret value.
    ///
    /// - Parameters:
    ///   - value: The secret's value, exactly as Key Vault returned it.
    ///   - secretName: The secret's name, for messages.
    ///   - expectedType: The credential type the value should hold, used only to show the
    ///     expected JSON in the fix.
    /// - Throws: ``MidkvError`` `secret.not-json` when the value is not JSON (with line and
    ///   column) or is JSON but not an object (naming what it is).
    public init(parsing value: Secret, secretName: String? = nil, expectedType: String? = nil) throws(MidkvError) {
        let context = SyntaxContext(value: value, secretName: secretName, expectedType: expectedType)
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(value.reveal())
        } catch {
            throw context.notJSON(error)
        }

        guard case .object(let members) = parsed else {
            throw context.notAnObject(parsed)
        }
        self.secretName = secretName
        self.members = members
    }

    /// The keys of the object, in document order.
    public var keys: [String] {
        members.map(\.key)
    }

    /// The `type` value, when it is a string.
    public var jsonType: String? {
        guard case .string(let type)? = member("type") else {
            return nil
        }
        return type.reveal()
    }

    /// The value of `key`, if present.
    func member(_ key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    /// Checks the document against the requested type and builds the resolver's answer.
    ///
    /// - Parameter requestedType: The type string the MID sent, such as `ssh_private_key`.
    /// - Throws: ``MidkvError``: the first of ``problems(for:)``; when that is a required field
    ///   that is absent, null or empty, one `secret.missing-field` error that names every such
    ///   field.
    public func credential(for requestedType: String) throws(MidkvError) -> MIDCredential {
        var mapping = CredentialMapping(document: self, requestedType: requestedType)
        let credential = mapping.run()
        if let problem = mapping.leadingProblem {
            throw problem
        }
        guard let credential else {
            preconditionFailure("a mapping without problems always yields a credential")
        }
        return credential
    }

    /// Every problem the document has for the requested type, in order of importance: the
    /// `type` first, then each field in the type's order. Empty when ``credential(for:)``
    /// succeeds.
    public func problems(for requestedType: String) -> [MidkvError] {
        var mapping = CredentialMapping(document: self, requestedType: requestedType)
        _ = mapping.run()
        return mapping.problems
    }

    /// Parses `value` and builds the credential for `requestedType` in one step.
    ///
    /// - Throws: ``MidkvError`` with a `secret.*` code.
    public static func credential(
        parsing value: Secret,
        requestedType: String,
        secretName: String? = nil
    ) throws(MidkvError) -> MIDCredential {
        let document = try SecretDocument(parsing: value, secretName: secretName, expectedType: requestedType)
        return try document.credential(for: requestedType)
    }

    public var description: String {
        let name = secretName.map { "`\($0)` " } ?? ""
        return "secret \(name)with keys \(keys.map { "`\($0)`" }.joined(separator: ", "))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["secretName": secretName as Any, "keys": keys], displayStyle: .struct)
    }
}
