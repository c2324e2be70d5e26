import Foundation
import MidkvCore
import MidkvDoctor
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Secret maker")
struct SecretMakerTests {
    /// One value made for one shape of a catalogue type, with the inputs it was made from.
    struct Made: Sendable, CustomTestStringConvertible {
        var type: CredentialType
        var shape: CredentialShape
        var inputs: [String: Secret]
        var value: Secret

        var testDescription: String {
            "\(type.name) (\(shape.name))"
        }
    }

    /// A realistic value for `field`: names and settings for fields that are not secret, canary
    /// text for secrets, a generated key for key fields.
    static func sample(for field: CredentialField) -> Secret {
        let plain: [String: String] = [
            "user": "svc-disc", "domain": "CONTOSO", "authentication_protocol": "SHA", "privacy_protocol": "AES128",
            "snmp_context": "core", "client_id": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            "email": "disc@proj.iam.gserviceaccount.com",
            "enrollment_number": "12345678", "sas_key_name": "RootManageSharedAccessKey",
            "keystore_path": "/opt/mid/ssl.jks",
            "keystore_type": "PKCS12", "truststore_type": "JKS", "ssl_provider_name": "SunJSSE",
            "security_protocol": "TLSv1.2", "softlayer_user": "sl-disc",
            "tenant_id": "11111111-2222-3333-4444-555555555555",
            "ssh_certificate": "ssh-rsa-cert-v01@openssh.com AAAAHHNzaC1yc2EtY2VydC12MDFAb3BlbnNzaC5jb20 svc",
            "additional_properties": "ssl.endpoint.identification.algorithm=https",
        ]
        if field.key.hasSuffix("private_key") {
            return Secret(SecretSamples.rsaKey)
        }
        return Secret(plain[field.key] ?? "CANARY-\(field.key)-Pl@ce")
    }

    /// A value for every shape of every catalogue type, all fields given.
    static let made: [Made] = CredentialType.catalogue.flatMap { type in
        type.shapes.map { shape in
            let inputs = Dictionary(uniqueKeysWithValues: shape.fields.map { ($0.key, sample(for: $0)) })
            let maker = SecretMaker(type: type.name)
            return Made(type: type, shape: shape, inputs: inputs, value: try! maker.make(inputs))
        }
    }

    @Test("every catalogue type's value lints clean, for its type and on its own", arguments: made)
    func lintsClean(made: Made) {
        #expect(lint(made.value.reveal(), type: made.type.name).isEmpty)
        #expect(lint(made.value.reveal()).isEmpty)
    }

    @Test("the documented type comes first, then canonical keys in catalogue order; nothing is added")
    func layout() throws {
        let maker = SecretMaker(type: "ssh_password")
        let value = try maker.make(["password": Secret("CANARY-pw"), "user": Secret("svc-disc")])
        let exact = value.reveal() == #"{"type":"ssh","user":"svc-disc","password":"CANARY-pw"}"#

        #expect(exact, "the value is compact, `type` first, no line break added")
        #expect(maker.keys == ["user", "password"])
    }

    @Test("aliases are written under the documented key, and PEM line breaks are kept as \\n escapes")
    func keyValue() throws {
        let value = try SecretMaker(type: "ssh_private_key").make([
            "user": Secret("svc-disc"), "private_key": Secret(SecretSamples.rsaKey), "passphrase": Secret("CANARY-ph"),
        ])
        let object = try JSONSerialization.jsonObject(with: Data(value.reveal().utf8)) as? [String: String]

        #expect(object.map { Set($0.keys) } == ["type", "user", "ssh_private_key", "ssh_passphrase"])
        let same = object?["ssh_private_key"] == SecretSamples.rsaKey
        #expect(same, "the key keeps its line breaks")
        #expect(value.reveal().hasPrefix(#"{"type":"ssh_private_key","user":"svc-disc","ssh_private_key":"-----BEGIN"#))
    }

    @Test("the written keys are the canonical ones, in the order of the JSON, whatever spelling was given")
    func writtenKeys() throws {
        let fields = [
            "passphrase": Secret("CANARY-ph"), "private_key": Secret(SecretSamples.rsaKey), "user": Secret("svc"),
        ]
        let maker = SecretMaker(type: "ssh_private_key")
        let value = try maker.make(fields)
        let object = try JSONSerialization.jsonObject(with: Data(value.reveal().utf8)) as? [String: String]

        #expect(try maker.writtenKeys(for: fields) == ["type", "user", "ssh_private_key", "ssh_passphrase"])
        #expect(object.map { Set($0.keys) } == Set(try maker.writtenKeys(for: fields)))
        let store = ["keystore_password": Secret("CANARY-ks"), "keystore_path": Secret("/opt/disc.jks")]
        #expect(
            try SecretMaker(type: "keystore").writtenKeys(for: store) == ["type", "keystore_path", "keystore_password"]
        )
    }

    @Test("an application type writes its own name with user and password")
    func applicationType() throws {
        let value = try SecretMaker(type: "infoblox").make(["user": Secret("svc"), "password": Secret("CANARY-ib")])

        #expect(value.reveal().hasPrefix(#"{"type":"infoblox","user":"svc","password":"#))
        #expect(lint(value.reveal(), type: "infoblox").isEmpty)
    }

    @Test("a missing required field, an unknown field and a field given twice are errors naming keys only")
    func errors() {
        let maker = SecretMaker(type: "snmpv3")
        let missing = #expect(throws: MidkvError.self) {
            try maker.make(["user": Secret("netmon"), "privacy_key": Secret("CANARY-k")])
        }
        let unknown = #expect(throws: MidkvError.self) {
            try SecretMaker(type: "windows").make(["user": Secret("svc"), "pass": Secret("CANARY-k")])
        }
        let twice = #expect(throws: MidkvError.self) {
            try SecretMaker(type: "ssh_private_key").make([
                "private_key": Secret("CANARY-a"), "ssh_private_key": Secret("CANARY-b"),
            ])
        }

        #expect(missing?.code == .secretMissingField)
        #expect(
            missing?.message
                == "Type `snmpv3` needs `authentication_protocol`, `authentication_key`, `privacy_protocol`"
        )
        #expect(unknown?.code == .secretUnknownField)
        #expect(twice?.message.contains("are the same field") == true)
        let texts = [missing, unknown, twice].compactMap { $0?.detailedDescription }.joined()
        #expect(!texts.contains(SecretSamples.canary))
    }

    @Test("keystore: the fields of its two forms cannot be mixed")
    func keystoreForms() {
        let mixed = #expect(throws: MidkvError.self) {
            try SecretMaker(type: "keystore").make([
                "keystore_path": Secret("/opt/a.jks"), "user": Secret("svc"), "password": Secret("CANARY-p"),
                "keystore_password": Secret("CANARY-k"),
            ])
        }

        #expect(mixed?.message == "The fields given belong to different forms of type `keystore`")
    }
}
