import MidkvSupport
import MidkvTransport

extension CredentialResolver {
    /// A note for each alternative spelling the secret used.
    static func aliasNotes(_ credential: MIDCredential) -> [Finding] {
        credential.aliasesUsed.map { alias in
            Finding(
                check: "secret",
                severity: .note,
                code: .secretAliasUsed,
                message: "The secret's \(alias.kind) `\(alias.spelling)` was read as `\(alias.canonical)`.",
                fix: "Both spellings work with midkv; `\(alias.canonical)` is the documented one."
            )
        }
    }
}
