import Foundation
import MidkvCore
import MidkvDoctor
import MidkvSupport
import Testing

@Suite("Secret linter: encoding, size, JSON, type and keys")
struct SecretLinterTests {
    private let clean = #"{"type":"ssh","user":"svc-disc","password":"CANARY-Pl@ceholder-1"}"#

    @Test("a well-formed SSH password secret has no findings, with or without a type")
    func cleanValue() {
        #expect(lint(clean).isEmpty)
        #expect(lint(clean, type: "ssh_password").isEmpty)
    }

    // MARK: - secret.encoding

    @Test("a UTF-8 byte-order mark is an error, and offsets of later findings count its three bytes")
    func byteOrderMark() throws {
        let value = "\u{FEFF}" + #"{"type":"ssh","user":"svc\#u{200B}","password":"CANARY-1"}"#
        let findings = lint(value)

        #expect(findings.summary == ["error secret.encoding", "warning secret.invisible-character"])
        #expect(findings[0].seen("first bytes") == "EF BB BF")
        let invisible = try #require(findings.first("secret.invisible-character"))
        #expect(invisible.seen("byte offset") == "28")
        #expect(invisible.seen("column") == "26")
    }

    @Test("UTF-16 with a byte-order mark is an error, and the converted text is checked further")
    func utf16WithMark() {
        let text = #"{"type":"ssh","username":"svc","password":"CANARY-2"}"#
        let bytes: [UInt8] = [0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian)!)
        let findings = lint(bytes: bytes)

        #expect(findings.first?.code == .secretEncoding)
        #expect(findings.first?.message.contains("little-endian, with a byte-order mark") == true)
        #expect(findings.codes.contains("secret.missing-field"))
    }

    @Test("UTF-16 without a byte-order mark is an error that stops the other checks")
    func utf16WithoutMark() {
        let bytes = Array(clean.data(using: .utf16BigEndian)!)
        let findings = lint(bytes: bytes)

        #expect(findings.summary == ["error secret.encoding"])
        #expect(findings[0].message.contains("big-endian, no byte-order mark"))
        #expect(findings[0].fix?.contains("iconv -f UTF-16BE -t UTF-8") == true)
    }

    @Test("NUL bytes are an error with the offset of the first and their count")
    func nulBytes() {
        let findings = lint(bytes: Array(clean.utf8) + [0, 0, 0x0A, 0])

        #expect(findings.summary == ["error secret.encoding"])
        #expect(findings[0].seen("byte offset") == "\(clean.utf8.count)")
        #expect(findings[0].seen("NUL bytes") == "3")
    }

    @Test("a Windows-1252 byte in a password is invalid UTF-8, located by line and column")
    func invalidUTF8() {
        let head = Array("{\"type\":\"ssh\",\n\"user\":\"svc\",\n\"password\":\"CANARY-caf".utf8)
        let findings = lint(bytes: head + [0xE9] + Array("\"}".utf8))

        #expect(findings.summary == ["error secret.encoding"])
        #expect(findings[0].seen("byte offset") == "\(head.count)")
        #expect(findings[0].seen("line") == "3")
        #expect(findings[0].seen("column") == "23")
        #expect(findings[0].seen("invalid sequences") == "1")
    }

    // MARK: - secret.too-large

    @Test("a value over 25,600 bytes is an error; between 25,000 and 25,600 a warning")
    func tooLarge() {
        let filler = { (size: Int) in
            #"{"type":"ssh","user":"svc","password":"CANARY-"# + String(repeating: "x", count: size) + "\"}"
        }

        let over = lint(filler(26_000))
        let near = lint(filler(25_100))

        #expect(over.summary == ["error secret.too-large"])
        #expect(over[0].seen("value length") == "\(filler(26_000).utf8.count) bytes of UTF-8")
        #expect(near.summary == ["warning secret.too-large"])
    }

    // MARK: - secret.not-json

    @Test("a bare password is not JSON: line 1, column 1, and the hint that it looks like a bare value")
    func barePassword() {
        let findings = lint("CANARY-Pl@ceholder-1")

        #expect(findings.summary == ["error secret.not-json"])
        #expect(findings[0].seen("line") == "1")
        #expect(findings[0].seen("column") == "1")
        #expect(findings[0].cause?.contains("bare password") == true)
    }

    @Test("a PEM key pasted with raw line breaks is not JSON, at the first line break")
    func rawLineBreaks() {
        let value =
            "{\"type\":\"ssh_private_key\",\"user\":\"svc\",\"ssh_private_key\":\"" + SecretSamples.rsaKey + "\"}"
        let findings = lint(value)

        #expect(findings.summary == ["error secret.not-json"])
        #expect(findings[0].seen("line") == "1")
        #expect(
            findings[0].message.contains("raw line break")
                || findings[0].seen("problem")?.contains("line break") == true
        )
        expectNoCanary(findings, secrets: [String(SecretSamples.rsaBody.prefix(24))])
    }

    // MARK: - Type and fields (field case 25)

    @Test("field case 25: an SSH password secret on an SSH private key record, with `username`")
    func fieldCase25() throws {
        let value = #"{"type":"ssh_password","username":"svc-disc","password":"CANARY-Pl@ceholder-1"}"#
        let findings = lint(value, type: "ssh_private_key")

        #expect(
            findings.summary == [
                "error secret.type-mismatch", "error secret.missing-field", "error secret.missing-field",
                "warning secret.unknown-field",
            ]
        )
        #expect(findings[1].seen("field") == "user")
        #expect(findings[1].seen("similar key") == "username")
        #expect(findings[2].seen("field") == "ssh_private_key")
        let unknown = try #require(findings.first("secret.unknown-field"))
        #expect(unknown.seen("nearest valid key") == "user")
    }

    @Test("without a type, the secret's own type decides: `ssh_password` is accepted and noted as an alias")
    func ownTypeAlias() {
        let findings = lint(#"{"type":"ssh_password","user":"svc","password":"CANARY-3"}"#)

        #expect(findings.summary == ["note secret.alias-used"])
        #expect(findings[0].seen("documented type") == "ssh")
    }

    @Test(
        "a misspelt or capitalised type is unknown, with the type meant",
        arguments: [
            ("ssh_pasword", "ssh_password"), ("SSH", "ssh"), ("Windows", "windows"), ("basic-auth", "basic_auth"),
        ]
    )
    func mistypedType(type: String, meant: String) {
        let findings = lint(#"{"type":"\#(type)","user":"svc","password":"CANARY-4"}"#)

        #expect(findings.summary == ["error secret.unknown-type"])
        #expect(findings[0].seen("nearest known type") == meant)
    }

    @Test("a type outside the catalogue with user and password is an application credential: a note only")
    func applicationType() {
        let findings = lint(#"{"type":"infoblox","user":"svc","password":"CANARY-5"}"#)

        #expect(findings.summary == ["note secret.unknown-type"])
        #expect(findings[0].seen("fields read") == "user, password")
    }

    @Test("a value put in `type` by mistake is described by its length, not shown")
    func typeHoldingSecret() {
        let findings = lint(#"{"type":"CANARY-6 secret!","user":"svc","password":"x"}"#)

        #expect(findings.first?.message.contains("a 16-character value that is not a type name") == true)
    }

    @Test("without a type, a missing, null or empty `type` is a missing field")
    func missingType() {
        for value in [
            #"{"user":"svc","password":"CANARY-7"}"#, #"{"type":null,"user":"svc","password":"CANARY-7"}"#,
            #"{"type":"","user":"svc","password":"CANARY-7"}"#,
        ] {
            let findings = lint(value)
            #expect(findings.summary == ["error secret.missing-field"])
            #expect(findings.first?.seen("field") == "type")
        }
    }

    @Test("a number, boolean, array or object where a string belongs is a wrong field type")
    func wrongFieldType() {
        let number = lint(#"{"type":"ssh","user":"svc","password":12345}"#)
        let array = lint(#"{"type":"windows","user":["svc"],"password":"CANARY-8"}"#, type: "windows")
        let type = lint(#"{"type":5,"user":"svc","password":"CANARY-8"}"#)

        #expect(number.summary == ["error secret.wrong-field-type"])
        #expect(number[0].seen("found JSON type") == "number")
        #expect(array.first?.seen("found JSON type") == "array")
        #expect(type.summary == ["error secret.wrong-field-type"])
    }

    @Test("unknown keys name the nearest valid key: `pass` -> `password`, `username` -> `user`")
    func unknownFields() throws {
        let pass = lint(#"{"type":"windows","user":"svc","password":"CANARY-9","domain":"CONTOSO","pass":"x"}"#)
        let comment = lint(#"{"type":"ssh","user":"svc","password":"CANARY-9","comment":"jump host"}"#)

        #expect(pass.summary == ["warning secret.unknown-field"])
        #expect(pass[0].seen("nearest valid key") == "password")
        #expect(comment.summary == ["note secret.unknown-field"])
        #expect(comment[0].fix?.contains("the MID ignores it") == true)
    }

    @Test("an accepted key spelling is a note; two spellings of one key are a warning")
    func aliasUsed() {
        let key = SecretSamples.rsaKey
        let alias = lint(SecretSamples.json([("type", "ssh_private_key"), ("user", "svc"), ("private_key", key)]))
        let both = lint(
            SecretSamples.json([
                ("type", "ssh_private_key"), ("user", "svc"), ("private_key", key), ("ssh_private_key", key),
            ])
        )
        let basic = lint(#"{"type":"basic","user":"svc","password":"CANARY-10"}"#)

        #expect(alias.summary == ["note secret.alias-used"])
        #expect(alias[0].seen("documented key") == "ssh_private_key")
        #expect(both.summary == ["warning secret.alias-used"])
        #expect(basic.summary == ["note secret.alias-used"])
        #expect(basic[0].seen("documented type") == "basic_auth")
    }
}
