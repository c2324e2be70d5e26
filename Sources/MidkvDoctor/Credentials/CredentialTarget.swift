import MidkvCore

/// One credential to check, as given on the command line: `ID:TYPE`.
///
/// The type is what follows the last colon, so the ID may itself hold a colon
/// (`linux-root-ssh:kv-contoso-disc:ssh_private_key`).
public struct CredentialTarget: Sendable, Hashable, CustomStringConvertible {
    /// The Credential ID as typed on the credential record.
    public var credentialID: String
    /// The credential type the MID asks for, such as `ssh_private_key`.
    public var type: String

    /// Creates a target.
    public init(credentialID: String, type: String) {
        self.credentialID = credentialID
        self.type = type
    }

    /// Parses `ID:TYPE`.
    ///
    /// - Throws: ``MidkvError`` `usage.invalid` when there is no colon, or either part is empty.
    public init(parsing text: String) throws(MidkvError) {
        guard let colon = text.lastIndex(of: ":") else {
            throw Self.malformed(text, problem: "has no `:TYPE` part")
        }

        let id = String(text[..<colon])
        let type = String(text[text.index(after: colon)...])
        guard !id.isEmpty, !type.isEmpty else {
            throw Self.malformed(text, problem: id.isEmpty ? "has no Credential ID" : "has no credential type")
        }
        self.init(credentialID: id, type: type)
    }

    /// The request the MID would send for it.
    public var request: CredentialRequest {
        CredentialRequest(credentialID: credentialID, type: type)
    }

    /// `linux-root-ssh (ssh_private_key)`.
    public var description: String {
        "\(credentialID) (\(type))"
    }

    private static func malformed(_ text: String, problem: String) -> MidkvError {
        MidkvError(
            .usageInvalid,
            "--credential `\(text)` \(problem)",
            evidence: [Evidence("credential", text)],
            fix: "Give each credential as ID:TYPE, such as linux-root-ssh:ssh_private_key or "
                + "linux-root-ssh:kv-contoso-disc:ssh_private_key."
        )
    }
}
