import MidkvCore
import MidkvSupport
import Testing

@Suite("Secret document errors")
struct SecretDocumentTests {
    func parseFailure(_ value: String, expecting type: String? = "ssh_password") throws -> MidkvError {
        try #require(throws: MidkvError.self) {
            try SecretDocument(parsing: Secret(value), secretName: "linux-root-ssh", expectedType: type)
        }
    }

    func failure(_ json: String, as requested: String) throws -> MidkvError {
        let document = try SecretDocument(parsing: Secret(json), secretName: "linux-root-ssh")
        return try #require(throws: MidkvError.self) {
            try document.credential(for: requested)
        }
    }

    // MARK: - secret.not-json

    @Test("a bare password is not JSON, with position, length and a bare-value hint")
    func barePassword() throws {
        let error = try parseFailure("Pl@ceholder-1")

        #expect(error.code == .secretNotJSON)
        #expect(error.evidence("line") == "1")
        #expect(error.evidence("column") == "1")
        #expect(error.evidence("value length") == "13 bytes")
        #expect(error.cause?.contains("bare password") == true)
        #expect(error.fix.contains(#"{"type": "ssh", "user": "<user name>", "password": "<password>"}"#))
        #expect(!error.detailedDescription.contains("Pl@ceholder-1"))
        #expect(!error.detailedDescription.contains("Pl@"))
    }

    @Test("a bare PEM key is recognised as such")
    func barePEM() throws {
        let error = try parseFailure("-----BEGIN RSA PRIVATE KEY-----\nCANARYbody\n-----END RSA PRIVATE KEY-----\n")

        #expect(error.cause?.contains("bare PEM key") == true)
    }

    @Test("line and column are computed from the byte offset across lines")
    func position() throws {
        let value = "{\n  \"type\": \"ssh\",\n  \"user\": \"svc-disc\"\n  \"password\": \"CANARY-pos\"\n}"
        let error = try parseFailure(value)

        #expect(error.evidence("line") == "4")
        #expect(error.evidence("column") == "3")
        #expect(error.evidence("byte offset") == "42")
        #expect(error.message.contains("expected `,` or `}` after a value (line 4, column 3)"))
    }

    @Test("columns count characters, not bytes, on lines with non-ASCII text")
    func unicodeColumn() throws {
        let error = try parseFailure(#"{"user": "Jürgen" "password": "x"}"#)

        #expect(error.evidence("column") == "19")
        #expect(error.evidence("byte offset") == "19")
    }

    @Test("a raw line break inside a string, as in a pasted PEM key, gets an escaping hint")
    func rawLineBreak() throws {
        let value =
            "{\"type\":\"ssh_private_key\",\"user\":\"svc\",\"ssh_private_key\":\"-----BEGIN RSA PRIVATE KEY-----\nCANARY\n\"}"
        let error = try parseFailure(value, expecting: "ssh_private_key")

        #expect(error.code == .secretNotJSON)
        #expect(error.message.contains("raw line break (line 1, column 90)"))
        #expect(error.cause?.contains("`\\n`") == true)
        #expect(error.fix.contains("jq -n --rawfile"))
    }

    @Test("grammar problems are named without echoing characters")
    func grammar() throws {
        let cases: [(String, String)] = [
            (#"{'type': 'ssh'}"#, "double quotes"),
            (#"{"type": "ssh", "user": "svc",}"#, "expected a key in double quotes"),
            (#"{"type": "ssh", "user": "svc""#, "the text ends where `,` or `}` after a value should follow"),
            (#"{"type": "ssh"} {"user": "svc"}"#, "more text follows the end"),
            (#"{"type": "ssh", "password": CANARY-unquoted}"#, "expected a value"),
            (#"{"type": "ssh", "password": "CANARY-\q"}"#, "not followed by a valid escape"),
            (#"{"type": "ssh", "password": "CANARY-\ud800"}"#, "half of a surrogate pair"),
            (#"{"type": "ssh", "password": "CANARY-\u12G4"}"#, "four hexadecimal digits"),
            (#"{"type": "ssh", "port": 022}"#, "expected `,` or `}` after a value"),
            (#"{"type": "ssh", "port": -}"#, "not written as JSON numbers are"),
            ("{\"type\": \"ssh\", \"password\": \"CANARY-\ttab\"}", "raw control character"),
            (String(repeating: "[", count: 65) + String(repeating: "]", count: 65), "more than 64 levels"),
        ]
        for (value, expected) in cases {
            let error = try parseFailure(value)

            #expect(error.code == .secretNotJSON, "\(value)")
            #expect(error.message.contains(expected), "\(value): \(error.message)")
            #expect(!error.detailedDescription.contains("CANARY"), "\(value)")
        }
    }

    @Test("a byte-order mark is reported with its own fix")
    func byteOrderMark() throws {
        let error = try parseFailure("\u{FEFF}{\"type\":\"ssh\"}")

        #expect(error.message.contains("byte-order mark"))
        #expect(error.fix.contains("without a byte-order mark"))
    }

    @Test("duplicate keys are rejected, naming the key")
    func duplicateKey() throws {
        let error = try parseFailure(#"{"type":"ssh","user":"a","password":"CANARY-1","password":"CANARY-2"}"#)

        #expect(error.message.contains("the key `password` appears twice"))
        #expect(error.fix == "Keep one `password` key in the object.")
    }

    @Test("JSON that is not an object says what it is")
    func notAnObject() throws {
        let cases = [
            (#"["svc-disc", "CANARY-arr"]"#, "an array"), (#""CANARY-str""#, "a string"), ("424242", "a number"),
            ("true", "a boolean"), ("null", "a null"),
        ]
        for (value, kind) in cases {
            let error = try parseFailure(value)

            #expect(error.code == .secretNotJSON)
            #expect(error.message.contains("is JSON but \(kind), not an object"), "\(value)")
            #expect(!error.detailedDescription.contains("CANARY"))
        }
    }

    // MARK: - type

    @Test("a missing, null or empty type is a missing field with the expected shape")
    func missingType() throws {
        let cases = [
            (#"{"user":"svc","password":"CANARY"}"#, "missing"), (#"{"type":null}"#, "null"),
            (#"{"type":""}"#, "empty"),
        ]
        for (json, state) in cases {
            let error = try failure(json, as: "windows")

            #expect(error.code == .secretMissingField, "\(json)")
            #expect(error.evidence("field") == "type")
            #expect(error.evidence("state") == state)
            #expect(error.fix.contains(#"{"type": "windows", "user": "<user name>", "password": "<password>"}"#))
            #expect(error.fix.contains("optional: `domain`"))
        }
    }

    @Test("a type that is a number is the wrong JSON type")
    func numericType() throws {
        let error = try failure(#"{"type":7,"user":"svc","password":"CANARY"}"#, as: "ssh")

        #expect(error.code == .secretWrongFieldType)
        #expect(error.evidence("field") == "type")
        #expect(error.evidence("found JSON type") == "number")
    }

    @Test("field case: an ssh_password secret requested as ssh_private_key is a type mismatch")
    func typeMismatch() throws {
        let error = try failure(
            #"{"type":"ssh_password","username":"svc-disc","password":"Pl@ceholder-1"}"#,
            as: "ssh_private_key"
        )

        #expect(error.code == .secretTypeMismatch)
        #expect(error.message.contains("`ssh_password`"))
        #expect(error.message.contains("`ssh_private_key`"))
        #expect(error.evidence("JSON type") == "ssh_password")
        #expect(error.evidence("requested type") == "ssh_private_key")
        #expect(error.fix.contains(#""ssh_private_key": "<PEM private key, line breaks written as \n>""#))
        #expect(!error.detailedDescription.contains("Pl@ceholder-1"))
    }

    @Test("a requested ssh_private_key does not accept the JSON type ssh")
    func sshIsNotPrivateKey() throws {
        let error = try failure(#"{"type":"ssh","user":"svc","ssh_private_key":"CANARY"}"#, as: "ssh_private_key")

        #expect(error.code == .secretTypeMismatch)
    }

    @Test("a type differing only in case is a mismatch that says so")
    func caseOnly() throws {
        let error = try failure(#"{"type":"Windows","user":"svc","password":"CANARY"}"#, as: "windows")

        #expect(error.code == .secretTypeMismatch)
        #expect(error.cause?.contains("only in letter case") == true)
    }

    @Test("an unknown type with user and password is an application type, so it mismatches another request")
    func unknownApplicationType() throws {
        let error = try failure(#"{"type":"servicenow_app","user":"svc","password":"CANARY"}"#, as: "windows")

        #expect(error.code == .secretTypeMismatch)
    }

    @Test("an unknown type without user and password lists the known types")
    func unknownType() throws {
        let error = try failure(#"{"type":"ssh_key","user":"svc","key":"CANARY"}"#, as: "ssh_private_key")

        #expect(error.code == .secretUnknownType)
        #expect(error.message.contains("`ssh_key`"))
        #expect(error.evidence("known types")?.contains("ssh_private_key, windows") == true)
        #expect(error.fix.contains("Set `type` to `ssh_private_key`"))
    }

    @Test("a value pasted into type is not echoed")
    func pastedIntoType() throws {
        let error = try failure(#"{"type":"CANARY-#%!Pl@ceholder/long-value"}"#, as: "windows")

        #expect(error.code == .secretUnknownType)
        #expect(error.message.contains("character value that is not a type name"))
        #expect(!error.detailedDescription.contains("CANARY"))
    }

    // MARK: - Fields

    @Test("field case: username where user belongs is a missing user with a rename")
    func usernameInsteadOfUser() throws {
        let error = try failure(
            #"{"type":"ssh_password","username":"svc-disc","password":"Pl@ceholder-1"}"#,
            as: "ssh_password"
        )

        #expect(error.code == .secretMissingField)
        #expect(error.evidence("field") == "user")
        #expect(error.evidence("similar key") == "username")
        #expect(error.evidence("required keys") == "user, password")
        #expect(error.fix.hasPrefix("Rename `username` to `user`."))
        #expect(!error.detailedDescription.contains("Pl@ceholder-1"))
    }

    @Test("misspellings and other spellings are matched to the documented key")
    func similarKeys() throws {
        let cases: [(String, String, String)] = [
            (#"{"type":"ssh","user":"svc","pasword":"CANARY"}"#, "ssh", "pasword"),
            (#"{"type":"ssh","User":"svc","password":"CANARY"}"#, "ssh", "User"),
            (#"{"type":"ssh_private_key","user":"svc","privateKey":"CANARY"}"#, "ssh_private_key", "privateKey"),
            (#"{"type":"aws","accessKeyId":"AKIA","secret_key":"CANARY"}"#, "aws", "accessKeyId"),
            (#"{"type":"azure","client_id":"a","client_secret":"CANARY","tenant_id":"t"}"#, "azure", "client_secret"),
        ]
        for (json, type, similar) in cases {
            let error = try failure(json, as: type)

            #expect(error.code == .secretMissingField, "\(json)")
            #expect(error.evidence("similar key") == similar, "\(json)")
        }
    }

    @Test("no suggestion when no key resembles the missing one")
    func noSimilarKey() throws {
        let error = try failure(#"{"type":"ssh_private_key","user":"svc","comment":"x"}"#, as: "ssh_private_key")

        #expect(error.evidence("field") == "ssh_private_key")
        #expect(error.evidence("similar key") == nil)
        #expect(error.fix.hasPrefix("Add `ssh_private_key` with a non-empty string."))
    }

    @Test("empty and null required fields count as missing")
    func emptyAndNull() throws {
        let empty = try failure(#"{"type":"ssh","user":"","password":"CANARY"}"#, as: "ssh")
        let null = try failure(#"{"type":"ssh","user":"svc","password":null}"#, as: "ssh")

        #expect(empty.code == .secretMissingField)
        #expect(empty.evidence("state") == "empty")
        #expect(null.evidence("field") == "password")
        #expect(null.evidence("state") == "null")
    }

    @Test("several absent required fields are named in one error, each with its fix")
    func everyMissingField() throws {
        let bare = try failure(#"{"type":"ssh"}"#, as: "ssh_password")
        let mixed = try failure(#"{"type":"ssh","username":"svc","password":""}"#, as: "ssh_password")

        #expect(bare.code == .secretMissingField)
        #expect(
            bare.message
                == "Secret `linux-root-ssh` lacks 2 fields required for type `ssh_password`: `user` and `password`"
        )
        #expect(bare.evidence("missing fields") == "user, password")
        #expect(bare.cause == "Without them the resolver's answer would lack `user` and `pswd`.")
        #expect(bare.fix.hasPrefix("Add `user` and `password` with non-empty strings. Expected: "))
        #expect(mixed.message.hasSuffix(": `user` and `password` (empty)"))
        #expect(mixed.evidence("similar keys") == "username for user")
        #expect(mixed.fix.hasPrefix("Rename `username` to `user`; add `password` with a non-empty string. Expected: "))
    }

    @Test("one absent field keeps its own error, and problems still lists each field")
    func oneMissingField() throws {
        let document = try SecretDocument(parsing: Secret(#"{"type":"ssh"}"#))
        let single = try failure(#"{"type":"ssh","user":"svc"}"#, as: "ssh_password")

        #expect(single.evidence("field") == "password")
        #expect(single.evidence("missing fields") == nil)
        #expect(document.problems(for: "ssh_password").map { $0.evidence("field") } == ["user", "password"])
    }

    @Test("a privacy key without its protocol asks for the protocol")
    func privacyPair() throws {
        let json =
            #"{"type":"snmpv3","user":"snmp","authentication_protocol":"SHA","authentication_key":"CANARY-a","privacy_key":"CANARY-p"}"#
        let error = try failure(json, as: "snmpv3")

        #expect(error.evidence("field") == "privacy_protocol")
        #expect(error.cause?.contains("because `privacy_key` is set") == true)
    }

    @Test("a keystore secret missing its keystore password is checked against the keystore shape")
    func keystoreShape() throws {
        let error = try failure(#"{"type":"keystore","keystore_path":"/opt/disc.jks"}"#, as: "keystore")

        #expect(error.evidence("field") == "keystore_password")
        #expect(error.evidence("required keys") == "keystore_path, keystore_password")
    }

    @Test("numbers, booleans, arrays and objects where strings belong name the JSON type only")
    func wrongFieldTypes() throws {
        let cases: [(String, String, String, String)] = [
            (
                #"{"type":"ea_azure","enrollment_number":87654321,"access_key":"CANARY"}"#, "ea_azure",
                "enrollment_number", "number"
            ),
            (#"{"type":"ssh","user":"svc","password":true}"#, "ssh_password", "password", "boolean"),
            (#"{"type":"ssh","user":["svc"],"password":"CANARY"}"#, "ssh_password", "user", "array"),
            (#"{"type":"ssh","user":"svc","password":{"value":"CANARY"}}"#, "ssh_password", "password", "object"),
            (#"{"type":"windows","user":"svc","password":"CANARY","domain":42}"#, "windows", "domain", "number"),
        ]
        for (json, requested, field, kind) in cases {
            let error = try failure(json, as: requested)

            #expect(error.code == .secretWrongFieldType, "\(json)")
            #expect(error.evidence("field") == field)
            #expect(error.evidence("found JSON type") == kind)
            #expect(!error.detailedDescription.contains("CANARY"))
            #expect(!error.detailedDescription.contains("87654321"))
        }
    }

    @Test("problems lists every fault: mismatch, renamed user, missing key")
    func allProblems() throws {
        let document = try SecretDocument(
            parsing: Secret(#"{"type":"ssh_password","username":"svc-disc","password":"Pl@ceholder-1"}"#)
        )
        let problems = document.problems(for: "ssh_private_key")

        #expect(problems.map(\.code) == [.secretTypeMismatch, .secretMissingField, .secretMissingField])
        #expect(problems.map { $0.evidence("field") } == [nil, "user", "ssh_private_key"])
        #expect(problems[1].evidence("similar key") == "username")
        #expect(document.problems(for: "ssh_password").count == 1)
    }

    @Test("a valid document has no problems and exposes keys and type")
    func validDocument() throws {
        let document = try SecretDocument(parsing: Secret(#"{"type":"ssh","user":"svc","password":"CANARY-v"}"#))

        #expect(document.problems(for: "ssh_password").isEmpty)
        #expect(document.keys == ["type", "user", "password"])
        #expect(document.jsonType == "ssh")
    }
}
