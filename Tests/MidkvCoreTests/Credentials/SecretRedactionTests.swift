import MidkvCore
import MidkvSupport
import MidkvTestSupport
import Testing

/// Runs many broken and valid secrets through every requested type and checks that no text
/// midkv produces about them contains a secret value.
@Suite("Secret values never reach messages")
struct SecretRedactionTests {
    static let canary = "CANARY-"
    /// Ends every generated secret value, to catch a value shown only in part.
    static let tail = "Zq7f"

    static var requestedTypes: [String] {
        CredentialType.catalogue.map(\.name) + ["ssh", "basic", "sap"]
    }

    /// The keys whose values are shown on success: those sent as non-sensitive resolver keys, and
    /// the Windows domain, which becomes part of `user`.
    static func plainKeys(of shape: CredentialShape) -> Set<String> {
        Set(shape.fields.filter { !($0.resolverKey?.isSensitive ?? false) }.map(\.key))
    }

    /// A JSON object for `shape` with a canary for every value that is a secret.
    static func json(type: String, shape: CredentialShape, dropping: String? = nil, renaming: String? = nil) -> String {
        let plain = plainKeys(of: shape)
        var members = [#""type":"\#(type)""#]
        for field in shape.fields where field.key != dropping {
            let key = field.key == renaming ? field.key + "x" : field.key
            let value = plain.contains(field.key) ? "plain-\(field.key)" : "\(canary)\(field.key)-\\n-\(tail)"
            members.append(#""\#(key)":"\#(value)""#)
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// Every text a failure or success produces.
    static func texts(for value: String, requested: String) -> [String] {
        let secret = Secret(value)
        var texts: [String] = []
        do {
            let document = try SecretDocument(parsing: secret, secretName: "disc-cred", expectedType: requested)
            var dumped = ""
            dump(document, to: &dumped)
            texts += [String(describing: document), String(reflecting: document), dumped]
            texts += document.problems(for: requested).flatMap(render)

            let credential = try document.credential(for: requested)
            var dumpedCredential = ""
            dump(credential, to: &dumpedCredential)
            texts += [credential.description, dumpedCredential, "\(credential.fields)"]
            texts += credential.fields.filter(\.isSensitive).map(\.displayValue)
        } catch {
            texts += render(error)
        }
        return texts
    }

    static func render(_ error: MidkvError) -> [String] {
        [error.description, error.detailedDescription, error.message, error.fix, error.cause ?? ""]
            + error.evidence.map(\.description)
    }

    static var brokenValues: [String] {
        [
            "\(canary)bare-password", "\"\(canary)quoted\"", "  \(canary)padded \n",
            #"{"type":"ssh","user":"\#(canary)u","password":\#(canary)unquoted}"#,
            #"{"type":"ssh","user":"\#(canary)u","password":"\#(canary)trunc"#,
            "{\"type\":\"ssh\",\"user\":\"\(canary)u\",\"password\":\"\(canary)raw\nbreak\"}",
            #"{"type":"ssh","user":"\#(canary)u","password":"\#(canary)\x"}"#,
            #"{"type":"ssh","password":"\#(canary)a","password":"\#(canary)b"}"#,
            #"{'type':'ssh','password':'\#(canary)single'}"#,
            #"{"type":"\#(canary)#!$%^&*()-long value that was pasted","user":"\#(canary)u"}"#,
            #"{"user":"\#(canary)u","password":"\#(canary)p"}"#,
            #"[{"type":"ssh","password":"\#(canary)in-array"}]"#,
        ]
    }

    /// For each type: its valid JSON for every other requested type, and with each required key
    /// missing or misspelt.
    static var shapedValues: [String] {
        var values: [String] = []
        for type in CredentialType.catalogue {
            for shape in type.shapes {
                values.append(json(type: type.documentedJSONType, shape: shape))
                for key in shape.requiredKeys {
                    values.append(json(type: type.documentedJSONType, shape: shape, dropping: key))
                    values.append(json(type: type.documentedJSONType, shape: shape, renaming: key))
                }
            }
        }
        return values
    }

    @Test("no error, evidence, description or dump contains a canary value")
    func sweep() async throws {
        // Thousands of renderings and dumps: run them off the cooperative pool so the suite's
        // network tests keep their threads on a slow machine.
        let (checked, leaks) = try await onDedicatedThread {
            var checked = 0
            var leaks: [String] = []
            for value in Self.brokenValues + Self.shapedValues {
                for requested in Self.requestedTypes {
                    let texts = Self.texts(for: value, requested: requested)
                    checked += texts.count
                    leaks += texts.filter { $0.contains(Self.canary) || $0.contains(Self.tail) }.map {
                        "\(requested): \($0)"
                    }
                }
            }
            return (checked, leaks)
        }

        #expect(leaks == [])
        #expect(checked > 5_000)
    }

    @Test("successful credentials with canary secrets render them only as the redaction marker")
    func validCredentials() throws {
        for type in CredentialType.catalogue {
            for shape in type.shapes {
                let value = Self.json(type: type.documentedJSONType, shape: shape)
                let credential = try SecretDocument.credential(parsing: Secret(value), requestedType: type.name)
                let shown = credential.redactedDictionary()

                #expect(!shown.values.contains { $0.contains(Self.canary) }, "\(type.name)")
                #expect(shown.values.contains(Secret.redactionMarker), "\(type.name)")
                #expect(credential.fields.allSatisfy { !$0.value.isEmpty })
                #expect(!credential.description.contains(Self.canary))
            }
        }
    }
}
