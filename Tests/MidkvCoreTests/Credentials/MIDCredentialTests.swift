import Foundation
import MidkvCore
import MidkvSupport
import Testing

@Suite("Secret JSON to MID credential, per type")
struct MIDCredentialTests {
    func resolve(_ json: String, as requested: String) throws -> MIDCredential {
        try SecretDocument.credential(parsing: Secret(json), requestedType: requested, secretName: "disc-cred")
    }

    /// The credential as resolver key -> revealed value, in order.
    func pairs(_ credential: MIDCredential) -> [String] {
        credential.fields.map { "\($0.key)=\($0.value.reveal())" }
    }

    // MARK: - SSH

    @Test("ssh password, documented spelling `ssh`, requested as ssh_password")
    func sshPassword() throws {
        let credential = try resolve(
            #"{"type": "ssh", "user": "svc-disc", "password": "CANARY-ssh-pw-41"}"#,
            as: "ssh_password"
        )

        #expect(pairs(credential) == ["user=svc-disc", "pswd=CANARY-ssh-pw-41"])
        #expect(credential.jsonType == "ssh")
        #expect(credential.credentialType == .sshPassword)
        #expect(credential.aliasesUsed.isEmpty)
    }

    @Test("ssh password spelled ssh_password in the JSON is noted as an alias of the documented `ssh`")
    func sshPasswordCanonical() throws {
        let credential = try resolve(
            #"{"type": "ssh_password", "user": "svc-disc", "password": "CANARY-ssh-pw-42"}"#,
            as: "ssh"
        )

        #expect(pairs(credential) == ["user=svc-disc", "pswd=CANARY-ssh-pw-42"])
        #expect(credential.aliasesUsed == [.init(kind: .type, spelling: "ssh_password", canonical: "ssh")])
        #expect(credential.requestedType == "ssh")
    }

    static let pem = """
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
        QyNTUxOQAAACCANARYpemBodyPlaceholderOnlyNotARealKey0000000000000000AAAA
        -----END OPENSSH PRIVATE KEY-----

        """

    @Test("ssh private key keeps the PEM byte for byte and maps all fields")
    func sshPrivateKey() throws {
        let escaped = Self.pem.replacingOccurrences(of: "\n", with: "\\n")
        let json = """
            {"type": "ssh_private_key", "user": "svc-disc", "ssh_private_key": "\(escaped)",
             "ssh_passphrase": "CANARY-phrase-1", "password": "CANARY-sudo-2", "ssh_certificate": "ssh-ed25519-cert-v01@openssh.com AAAA"}
            """
        let credential = try resolve(json, as: "ssh_private_key")

        #expect(credential.keys == [.user, .privateKey, .passphrase, .password, ResolverKey("ssh_certificate")])
        #expect(credential[.privateKey]?.reveal() == Self.pem)
        #expect(Array(try #require(credential[.privateKey]).reveal().utf8) == Array(Self.pem.utf8))
        #expect(credential[.passphrase]?.reveal() == "CANARY-phrase-1")
        #expect(credential[.password]?.reveal() == "CANARY-sudo-2")
        #expect(credential.aliasesUsed.isEmpty)
    }

    @Test("CRLF line breaks in a key survive unchanged")
    func crlfKey() throws {
        let json =
            #"{"type":"ssh_private_key","user":"svc-disc","ssh_private_key":"-----BEGIN RSA PRIVATE KEY-----\r\nCANARYbody\r\n-----END RSA PRIVATE KEY-----\r\n"}"#
        let credential = try resolve(json, as: "ssh_private_key")
        let bytes = Array(try #require(credential[.privateKey]).reveal().utf8)

        #expect(bytes.filter { $0 == 0x0D }.count == 3)
        #expect(bytes.filter { $0 == 0x0A }.count == 3)
    }

    @Test("a PEM key collapsed onto one line is passed on unchanged, for a later check to flag")
    func collapsedPEM() throws {
        let key = "-----BEGIN RSA PRIVATE KEY-----MIIEpAIBAAKCAQEACANARYplaceholderbody-----END RSA PRIVATE KEY-----"
        let json = #"{"type":"ssh_private_key","user":"svc-disc","ssh_private_key":""# + key + #""}"#

        #expect(try resolve(json, as: "ssh_private_key")[.privateKey]?.reveal() == key)
    }

    @Test("private_key and passphrase aliases are accepted and reported")
    func sshKeyAliases() throws {
        let json =
            #"{"type":"ssh_private_key","user":"svc-disc","private_key":"-----BEGIN EC PRIVATE KEY-----\nCANARY\n-----END EC PRIVATE KEY-----\n","passphrase":"CANARY-phrase-3"}"#
        let credential = try resolve(json, as: "ssh_private_key")

        #expect(credential.keys == [.user, .privateKey, .passphrase])
        #expect(credential.fields.map(\.jsonKey) == ["user", "private_key", "passphrase"])
        #expect(
            credential.aliasesUsed == [
                .init(kind: .field, spelling: "private_key", canonical: "ssh_private_key"),
                .init(kind: .field, spelling: "passphrase", canonical: "ssh_passphrase"),
            ]
        )
    }

    @Test("when both spellings are present the documented one wins and the alias is ignored")
    func bothSpellings() throws {
        let json = #"{"type":"ssh_private_key","user":"svc-disc","ssh_private_key":"KEY-A","private_key":"KEY-B"}"#
        let credential = try resolve(json, as: "ssh_private_key")

        #expect(credential[.privateKey]?.reveal() == "KEY-A")
        #expect(credential.ignoredKeys == ["private_key"])
        #expect(credential.aliasesUsed.isEmpty)
    }

    @Test("an empty optional passphrase is left out")
    func emptyOptional() throws {
        let json = #"{"type":"ssh_private_key","user":"svc-disc","ssh_private_key":"KEY","ssh_passphrase":""}"#

        #expect(try resolve(json, as: "ssh_private_key").keys == [.user, .privateKey])
    }

    // MARK: - Windows

    @Test("a Windows domain qualifies the user as DOMAIN\\user")
    func windowsDomain() throws {
        let json = #"{"type":"windows","user":"svc-disc","password":"CANARY-win-1","domain":"CONTOSO"}"#
        let credential = try resolve(json, as: "windows")

        #expect(pairs(credential) == [#"user=CONTOSO\svc-disc"#, "pswd=CANARY-win-1"])
        #expect(credential.ignoredKeys.isEmpty)
    }

    @Test("an empty, null or absent domain gives .\\user")
    func windowsLocal() throws {
        let bodies = [#","domain":"""#, #","domain":null"#, ""]
        for body in bodies {
            let json = #"{"type":"windows","user":"svc-disc","password":"CANARY-win-2""# + body + "}"
            let credential = try resolve(json, as: "windows")

            #expect(credential[.user]?.reveal() == #".\svc-disc"#, "\(body)")
        }
    }

    @Test("a user already holding a backslash or @ is kept as written")
    func windowsQualifiedUser() throws {
        let users = [
            #"CONTOSO\\svc-disc"#: #"CONTOSO\svc-disc"#, "svc-disc@contoso.example": "svc-disc@contoso.example",
        ]
        for (written, expected) in users {
            let json = #"{"type":"windows","user":""# + written + #"","password":"CANARY-win-3","domain":"OTHER"}"#

            #expect(try resolve(json, as: "windows")[.user]?.reveal() == expected)
        }
    }

    // MARK: - SNMP

    @Test("snmp community string goes to pswd")
    func snmp() throws {
        let credential = try resolve(#"{"type":"snmp","password":"CANARY-community-1"}"#, as: "snmp")

        #expect(pairs(credential) == ["pswd=CANARY-community-1"])
    }

    @Test("snmpv3 maps every key and leaves protocols and context unredacted")
    func snmpv3() throws {
        let json = """
            {"type":"snmpv3","user":"snmp-disc","authentication_protocol":"SHA","authentication_key":"CANARY-auth-1",
             "privacy_protocol":"AES128","privacy_key":"CANARY-priv-1","snmp_context":"core-switches"}
            """
        let credential = try resolve(json, as: "snmpv3")

        #expect(
            pairs(credential) == [
                "user=snmp-disc", "authprotocol=SHA", "authkey=CANARY-auth-1", "privprotocol=AES128",
                "privkey=CANARY-priv-1", "contextname=core-switches",
            ]
        )
        #expect(
            credential.redactedDictionary() == [
                "user": "snmp-disc", "authprotocol": "SHA", "authkey": "<redacted>", "privprotocol": "AES128",
                "privkey": "<redacted>", "contextname": "core-switches",
            ]
        )
    }

    @Test("snmpv3 without the privacy pair is authentication only")
    func snmpv3AuthOnly() throws {
        let json =
            #"{"type":"snmpv3","user":"snmp-disc","authentication_protocol":"MD5","authentication_key":"CANARY-auth-2"}"#

        #expect(try resolve(json, as: "snmpv3").keys == [.user, .authProtocol, .authKey])
    }

    // MARK: - User and password types

    @Test("vmware, basic_auth, cim, jms, jdbc and mssql map user and password")
    func userAndPasswordTypes() throws {
        for type in ["vmware", "basic_auth", "cim", "jms", "jdbc", "mssql"] {
            let json = #"{"type":""# + type + #"","user":"svc-\#(type)","password":"CANARY-\#(type)-pw"}"#
            let credential = try resolve(json, as: type)

            #expect(pairs(credential) == ["user=svc-\(type)", "pswd=CANARY-\(type)-pw"])
        }
    }

    @Test("basic and basic_auth are accepted for each other")
    func basicAliases() throws {
        let fromTemplate = try resolve(#"{"type":"basic_auth","user":"api-disc","password":"CANARY-b1"}"#, as: "basic")
        let fromShortJSON = try resolve(#"{"type":"basic","user":"api-disc","password":"CANARY-b2"}"#, as: "basic_auth")

        #expect(fromTemplate.aliasesUsed.isEmpty)
        #expect(fromShortJSON.aliasesUsed == [.init(kind: .type, spelling: "basic", canonical: "basic_auth")])
        #expect(pairs(fromShortJSON) == ["user=api-disc", "pswd=CANARY-b2"])
    }

    @Test("an application type maps user and password")
    func applicationType() throws {
        let credential = try resolve(#"{"type":"sap","user":"RFC_DISC","password":"CANARY-sap-1"}"#, as: "sap")

        #expect(pairs(credential) == ["user=RFC_DISC", "pswd=CANARY-sap-1"])
        #expect(credential.credentialType.isApplicationType)
    }

    // MARK: - Cloud and key types

    @Test("aws access and secret keys become user and pswd")
    func aws() throws {
        let json = #"{"type":"aws","access_key":"AKIAEXAMPLEDISC0001","secret_key":"CANARY-aws-secret"}"#

        #expect(pairs(try resolve(json, as: "aws")) == ["user=AKIAEXAMPLEDISC0001", "pswd=CANARY-aws-secret"])
    }

    @Test("azure client and secret become user and pswd, tenant passes through")
    func azure() throws {
        let json = """
            {"type":"azure","client_id":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
             "tenant_id":"11111111-2222-3333-4444-555555555555","secret_key":"CANARY-azure-secret"}
            """
        let credential = try resolve(json, as: "azure")

        #expect(
            pairs(credential) == [
                "user=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "pswd=CANARY-azure-secret",
                "tenant_id=11111111-2222-3333-4444-555555555555",
            ]
        )
        #expect(credential.fields.last?.isSensitive == true)
    }

    @Test("gcp email and secret key become user and pswd")
    func gcp() throws {
        let json = #"{"type":"gcp","email":"disc@contoso-proj.iam.gserviceaccount.com","secret_key":"CANARY-gcp-key"}"#

        #expect(
            pairs(try resolve(json, as: "gcp")) == [
                "user=disc@contoso-proj.iam.gserviceaccount.com", "pswd=CANARY-gcp-key",
            ]
        )
    }

    @Test("api_key goes to pkey")
    func apiKey() throws {
        #expect(
            pairs(try resolve(#"{"type":"api_key","api_key":"CANARY-api-key"}"#, as: "api_key")) == [
                "pkey=CANARY-api-key"
            ]
        )
    }

    @Test("ibm passes its SoftLayer and Bluemix keys through")
    func ibm() throws {
        let json = """
            {"type":"ibm","user":"ibm-disc","password":"CANARY-ibm-pw","softlayer_user":"SL-disc",
             "softlayer_key":"CANARY-sl-key","bluemix_key":"CANARY-bx-key"}
            """

        #expect(
            pairs(try resolve(json, as: "ibm")) == [
                "user=ibm-disc", "pswd=CANARY-ibm-pw", "softlayer_user=SL-disc", "softlayer_key=CANARY-sl-key",
                "bluemix_key=CANARY-bx-key",
            ]
        )
    }

    @Test("ea_azure enrollment number and access key become user and pswd")
    func eaAzure() throws {
        let json = #"{"type":"ea_azure","access_key":"CANARY-ea-key","enrollment_number":"87654321"}"#

        #expect(pairs(try resolve(json, as: "ea_azure")) == ["user=87654321", "pswd=CANARY-ea-key"])
    }

    @Test("azure_sas key name and key become user and pswd")
    func azureSAS() throws {
        let json = #"{"type":"azure_sas","sas_key":"CANARY-sas-key","sas_key_name":"RootManageSharedAccessKey"}"#

        #expect(pairs(try resolve(json, as: "azure_sas")) == ["user=RootManageSharedAccessKey", "pswd=CANARY-sas-key"])
    }

    @Test("keystore, SSL keystore shape")
    func keystoreFile() throws {
        let json = """
            {"type":"keystore","keystore_path":"/opt/mid/agent/security/disc.jks",
             "keystore_password":"CANARY-ks-pw","key_password":"CANARY-key-pw"}
            """
        let credential = try resolve(json, as: "keystore")

        #expect(
            pairs(credential) == [
                "keystore_path=/opt/mid/agent/security/disc.jks", "keystore_password=CANARY-ks-pw",
                "key_password=CANARY-key-pw",
            ]
        )
    }

    @Test("keystore, SSL credentials shape")
    func keystoreCredentials() throws {
        let json = """
            {"type":"keystore","user":"kafka-disc","password":"CANARY-kafka-pw","keystore":"CANARY-ks-b64",
             "keystore_password":"CANARY-ks-pw","keystore_type":"PKCS12","truststore":"CANARY-ts-b64",
             "truststore_password":"CANARY-ts-pw","truststore_type":"JKS","security_protocol":"SSL",
             "ssl_provider_name":"SunJSSE","key_password":"CANARY-key-pw","additional_properties":"a=b"}
            """
        let credential = try resolve(json, as: "keystore")

        #expect(
            credential.keys.map(\.rawValue) == [
                "user", "pswd", "keystore", "keystore_password", "keystore_type", "key_password", "truststore",
                "truststore_password", "truststore_type", "ssl_provider_name", "security_protocol",
                "additional_properties",
            ]
        )
        #expect(credential[.password]?.reveal() == "CANARY-kafka-pw")
        #expect(credential[ResolverKey("truststore_type")]?.reveal() == "JKS")
    }

    @Test("sn_itom_pattern_pcf maps user, password, key and passphrase")
    func cloudFoundry() throws {
        let json = """
            {"type":"sn_itom_pattern_pcf","user":"cf-disc","password":"CANARY-cf-pw",
             "ssh_private_key":"CANARY-cf-key","ssh_passphrase":"CANARY-cf-phrase"}
            """

        #expect(
            pairs(try resolve(json, as: "sn_itom_pattern_pcf")) == [
                "user=cf-disc", "pswd=CANARY-cf-pw", "pkey=CANARY-cf-key", "passphrase=CANARY-cf-phrase",
            ]
        )
    }

    // MARK: - Values and display

    @Test("passwords are not trimmed: a trailing newline stays")
    func noTrimming() throws {
        let credential = try resolve(
            #"{"type":"ssh","user":" svc-disc","password":" CANARY-pw \n"}"#,
            as: "ssh_password"
        )

        #expect(credential[.password]?.reveal() == " CANARY-pw \n")
        #expect(credential[.user]?.reveal() == " svc-disc")
    }

    @Test("unicode escapes and non-ASCII passwords decode exactly")
    func unicode() throws {
        let credential = try resolve(
            #"{"type":"ssh","user":"svc","password":"CANARY-\u00e9\ud83d\ude00-ü\"\\\/"}"#,
            as: "ssh"
        )

        #expect(credential[.password]?.reveal() == "CANARY-é😀-ü\"\\/")
    }

    @Test("keys the type does not read are listed as ignored, in order")
    func ignoredKeys() throws {
        let json = #"{"notes":"rotated","type":"ssh","user":"svc","password":"CANARY-pw","owner":"it-ops"}"#

        #expect(try resolve(json, as: "ssh").ignoredKeys == ["notes", "owner"])
    }

    @Test("the redacted dictionary and description show names but no sensitive value")
    func display() throws {
        let credential = try resolve(
            #"{"type":"ssh","user":"svc-disc","password":"CANARY-disp-1"}"#,
            as: "ssh_password"
        )

        #expect(credential.redactedDictionary() == ["user": "svc-disc", "pswd": "<redacted>"])
        #expect(credential.description == "ssh_password credential {user: svc-disc, pswd: <redacted>}")
        #expect(credential.fields.map(\.isSensitive) == [false, true])
    }
}
