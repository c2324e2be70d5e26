import MidkvCore
import MidkvSupport

extension SecretInspection {
    // MARK: - Size

    /// Reports a value Key Vault refuses to store, or may refuse.
    ///
    /// The service documents the limit as "25k bytes" without saying whether that means 25,000
    /// or 25,600. Over 25,600 bytes of UTF-8 is an error; between the two readings, a warning.
    mutating func checkSize() {
        let size = text.count
        guard size > SecretLinter.documentedLimitBytes else {
            return
        }

        let over = size > SecretLinter.maximumValueBytes
        report(
            over ? .error : .warning,
            .secretTooLarge,
            over
                ? "The value is \(size) bytes, more than Key Vault stores (25,600 bytes)"
                : "The value is \(size) bytes, close to Key Vault's limit: it may be refused",
            evidence: [
                Evidence("value length", "\(size) bytes of UTF-8"),
                Evidence("limit", "\"25k bytes\" (25,000 or 25,600; the documentation does not say which)"),
            ],
            cause: "Key Vault rejects larger values with 400 BadParameter; no credential format needs this much.",
            fix: "Store only the credential's fields; keep certificates, keystores and other bulky files elsewhere."
        )
    }

    // MARK: - JSON

    /// Reads the text as the resolver does, and finds where its members sit.
    mutating func checkStructure() {
        let value = Secret(String(decoding: text, as: UTF8.self))
        do {
            document = try SecretDocument(parsing: value, expectedType: requestedType)
        } catch {
            report(error)
            return
        }

        guard let scanned = JSONScanner.members(of: text) else {
            document = nil
            return
        }
        members = scanned
        notes = Array(repeating: MemberNote(), count: scanned.count)
    }

    // MARK: - Type

    /// Decides which credential type the fields are checked against, and reports what the
    /// resolver would say about the type and the fields.
    mutating func checkType() {
        guard let document else {
            return
        }

        if let requestedType {
            credentialType = CredentialType.requested(requestedType)
            reportProblems(document.problems(for: requestedType))
        } else {
            checkOwnType(document)
        }
        noteTypeSpelling(document)
    }

    /// Without a requested type, the secret's own `type` decides.
    private mutating func checkOwnType(_ document: SecretDocument) {
        guard let member = members.first(where: { $0.key == "type" }) else {
            reportMissingType("has no `type` field", state: "missing")
            return
        }

        switch member.kind {
        case .null:
            reportMissingType("has `type` set to null", state: "null")
        case .string:
            let type = document.jsonType ?? ""
            if type.isEmpty {
                reportMissingType("has an empty `type`", state: "empty")
            } else {
                checkTypeName(type, document)
            }
        default:
            reportTypeNotString(member.kind)
        }
    }

    private mutating func checkTypeName(_ type: String, _ document: SecretDocument) {
        if let known = CredentialType.named(type) {
            credentialType = known
            reportProblems(document.problems(for: type))
            return
        }
        if let near = nearestKnownType(type) {
            reportMistypedType(type, near: near)
            return
        }

        credentialType = .application(type)
        reportApplicationType(type)
        reportProblems(document.problems(for: type))
    }

    /// The known JSON type `type` is probably a misspelling of.
    private func nearestKnownType(_ type: String) -> String? {
        let known = CredentialType.knownJSONTypes
        if let caseOnly = known.first(where: { $0 == type.lowercased() }) {
            return caseOnly
        }
        return NameDistance.nearest(to: type, among: known)
    }

    /// Records the resolver's problems, and the renames they suggest.
    private mutating func reportProblems(_ problems: [MidkvError]) {
        for problem in problems {
            if let similar = problem.evidence("similar key"), let field = problem.evidence("field") {
                suggestedRenames[similar] = field
            }
            report(problem)
        }
    }

    // MARK: - Type findings

    private mutating func reportMissingType(_ problem: String, state: String) {
        report(
            .error,
            .secretMissingField,
            "The secret \(problem); the credential format requires a type name there",
            evidence: [Evidence("field", "type"), Evidence("state", state), keysPresent],
            cause: "Each secret names its credential type in `type`, and the MID compares it with the record's type.",
            fix: "Add `\"type\"` with the credential record's type, such as `ssh`, `ssh_private_key` or "
                + "`windows`; `midkv secret lint --type TYPE` then checks the fields too."
        )
    }

    private mutating func reportTypeNotString(_ kind: ScannedMember.Kind) {
        report(
            .error,
            .secretWrongFieldType,
            "The secret's `type` holds \(kind == .array || kind == .object ? "an" : "a") \(kind.rawValue), "
                + "but it must be a string",
            evidence: [Evidence("field", "type"), Evidence("found JSON type", kind.rawValue)],
            fix: "Write the type name in double quotes, such as `\"type\": \"ssh\"`."
        )
    }

    private mutating func reportMistypedType(_ type: String, near: String) {
        let caseOnly = near == type.lowercased()
        report(
            .error,
            .secretUnknownType,
            "The secret has type \(FindingText.typeValue(type)), which is not a credential type; "
                + "did you mean `\(near)`?",
            evidence: [Evidence("JSON type", FindingText.typeValue(type)), Evidence("nearest known type", near)],
            cause: caseOnly
                ? "Type names are compared exactly, and they are lower case."
                : "The MID compares `type` with the record's type by exact spelling, so a misspelling never matches.",
            fix: "Set `\"type\": \"\(near)\"` if that is the record's type."
        )
    }

    private mutating func reportApplicationType(_ type: String) {
        report(
            .note,
            .secretUnknownType,
            "The secret has type \(FindingText.typeValue(type)), which is not in midkv's catalogue; "
                + "it is read as an application credential",
            evidence: [Evidence("JSON type", FindingText.typeValue(type)), Evidence("fields read", "user, password")],
            cause: "The MID can ask for any type string. For types outside the catalogue the credential format "
                + "has `user` and `password`, passed on as `user` and `pswd`.",
            fix: "Nothing to change if the credential record has this type; otherwise set `type` to the record's type."
        )
    }

    /// A note when the `type` is an accepted spelling other than the documented one.
    private mutating func noteTypeSpelling(_ document: SecretDocument) {
        guard let type = credentialType, let jsonType = document.jsonType, type.accepts(jsonType: jsonType),
            jsonType != type.documentedJSONType
        else {
            return
        }

        report(
            .note,
            .secretAliasUsed,
            "The secret's type `\(jsonType)` is an accepted spelling of `\(type.name)`; the documentation "
                + "writes `\(type.documentedJSONType)`",
            evidence: [Evidence("JSON type", jsonType), Evidence("documented type", type.documentedJSONType)],
            cause: "midkv accepts \(FindingText.alternatives(type.spellings)); the ServiceNow documentation shows "
                + "only `\(type.documentedJSONType)`, so other resolvers may not.",
            fix: "Nothing to change for midkv; write `\(type.documentedJSONType)` to follow the documentation."
        )
    }

    /// The keys of the object, for evidence.
    var keysPresent: Evidence {
        Evidence(
            "keys present",
            members.isEmpty ? "none" : members.map { FindingText.key($0.key) }.joined(separator: ", ")
        )
    }
}
