import MidkvCore
import Testing

@Suite("Credential type catalogue")
struct CredentialTypeTests {
    @Test("the catalogue holds every MID type string and every documented JSON type")
    func everyType() {
        let names = CredentialType.catalogue.map(\.name)

        #expect(
            names == [
                "ssh_password", "ssh_private_key", "windows", "snmp", "snmpv3", "vmware", "basic_auth", "cim", "jms",
                "jdbc", "mssql", "aws", "azure", "gcp", "api_key", "ibm", "ea_azure", "azure_sas", "keystore",
                "sn_itom_pattern_pcf",
            ]
        )
        #expect(Set(CredentialType.knownJSONTypes).isSuperset(of: ["ssh", "basic"]))
    }

    @Test("type aliases resolve both from the MID and from the JSON")
    func typeAliases() {
        #expect(CredentialType.named("ssh") == .sshPassword)
        #expect(CredentialType.named("basic") == .basicAuth)
        #expect(CredentialType.requested("ssh_private_key,ssh_public_key") == .sshPrivateKey)
        #expect(CredentialType.sshPassword.documentedJSONType == "ssh")
        #expect(CredentialType.basicAuth.documentedJSONType == "basic_auth")
    }

    @Test("which requested type accepts which JSON type")
    func acceptance() {
        #expect(CredentialType.sshPassword.accepts(jsonType: "ssh"))
        #expect(CredentialType.sshPassword.accepts(jsonType: "ssh_password"))
        #expect(!CredentialType.sshPrivateKey.accepts(jsonType: "ssh"))
        #expect(!CredentialType.sshPrivateKey.accepts(jsonType: "ssh_password"))
        #expect(CredentialType.requested("basic").accepts(jsonType: "basic_auth"))
        #expect(CredentialType.requested("basic_auth").accepts(jsonType: "basic"))
        #expect(!CredentialType.windows.accepts(jsonType: "Windows"))
        #expect(CredentialType.requested("sap").accepts(jsonType: "sap"))
        #expect(!CredentialType.requested("sap").accepts(jsonType: "windows"))
    }

    @Test("any other type string is an application type with user and password")
    func applicationType() {
        let sap = CredentialType.requested("sap")

        #expect(sap.isApplicationType)
        #expect(sap.primaryShape.requiredKeys == ["user", "password"])
        #expect(sap.primaryShape.fields.map(\.resolverKey) == [.user, .password])
        #expect(!CredentialType.windows.isApplicationType)
    }

    @Test("JSON keys map to the MID resolver keys")
    func mappings() {
        let expected: [(CredentialType, [String: String])] = [
            (.sshPassword, ["user": "user", "password": "pswd"]),
            (
                .sshPrivateKey,
                [
                    "user": "user", "ssh_private_key": "pkey", "ssh_passphrase": "passphrase", "password": "pswd",
                    "ssh_certificate": "ssh_certificate",
                ]
            ),
            (.snmp, ["password": "pswd"]),
            (
                .snmpv3,
                [
                    "user": "user", "authentication_protocol": "authprotocol", "authentication_key": "authkey",
                    "privacy_protocol": "privprotocol", "privacy_key": "privkey", "snmp_context": "contextname",
                ]
            ),
            (.aws, ["access_key": "user", "secret_key": "pswd"]),
            (.azure, ["client_id": "user", "secret_key": "pswd", "tenant_id": "tenant_id"]),
            (.gcp, ["email": "user", "secret_key": "pswd"]),
            (.apiKey, ["api_key": "pkey"]),
            (.eaAzure, ["enrollment_number": "user", "access_key": "pswd"]),
            (.azureSAS, ["sas_key_name": "user", "sas_key": "pswd"]),
            (
                .ibm,
                [
                    "user": "user", "password": "pswd", "softlayer_user": "softlayer_user",
                    "softlayer_key": "softlayer_key", "bluemix_key": "bluemix_key",
                ]
            ),
            (
                .cloudFoundryPattern,
                ["user": "user", "password": "pswd", "ssh_private_key": "pkey", "ssh_passphrase": "passphrase"]
            ),
        ]
        for (type, mapping) in expected {
            let actual = Dictionary(
                uniqueKeysWithValues: type.primaryShape.fields.compactMap { field in
                    field.resolverKey.map { (field.key, $0.rawValue) }
                }
            )
            #expect(actual == mapping, "\(type.name)")
        }
        for type in [CredentialType.vmware, .basicAuth, .cim, .jms, .jdbc, .mssql] {
            #expect(type.primaryShape.requiredKeys == ["user", "password"], "\(type.name)")
            #expect(type.primaryShape.fields.map(\.resolverKey) == [.user, .password], "\(type.name)")
        }
    }

    @Test("key aliases: private_key and passphrase stand for the ssh_ keys")
    func keyAliases() throws {
        for type in [CredentialType.sshPrivateKey, .cloudFoundryPattern] {
            let key = try #require(type.primaryShape.fields.first { $0.key == "ssh_private_key" })
            let phrase = try #require(type.primaryShape.fields.first { $0.key == "ssh_passphrase" })

            #expect(key.aliases == ["private_key"])
            #expect(phrase.aliases == ["passphrase"])
        }
    }

    @Test("required and optional keys per type")
    func requiredness() {
        #expect(CredentialType.sshPrivateKey.primaryShape.requiredKeys == ["user", "ssh_private_key"])
        #expect(
            CredentialType.sshPrivateKey.primaryShape.optionalKeys == ["ssh_passphrase", "password", "ssh_certificate"]
        )
        #expect(CredentialType.windows.primaryShape.optionalKeys == ["domain"])
        #expect(
            CredentialType.snmpv3.primaryShape.requiredKeys == [
                "user", "authentication_protocol", "authentication_key",
            ]
        )
        #expect(
            CredentialType.keystore.shapes.map(\.requiredKeys) == [
                ["keystore_path", "keystore_password"], ["user", "password"],
            ]
        )
        #expect(CredentialType.azure.primaryShape.requiredKeys == ["client_id", "secret_key", "tenant_id"])
    }

    @Test("every type has at least one required field that reaches the resolver")
    func neverEmpty() {
        for type in CredentialType.catalogue {
            for shape in type.shapes {
                #expect(shape.fields.contains { $0.isRequired && $0.resolverKey != nil }, "\(type.name) \(shape.name)")
            }
        }
    }

    @Test("templates show placeholders and the documented type spelling")
    func templates() {
        #expect(
            CredentialType.sshPassword.primaryShape.template(type: "ssh")
                == #"{"type": "ssh", "user": "<user name>", "password": "<password>"}"#
        )
        #expect(CredentialType.keystore.expectedShapes.contains("SSL keystore: "))
        #expect(CredentialType.keystore.expectedShapes.contains(" or SSL credentials: "))
    }

    @Test("names and settings are not secrets; passwords, keys, pass phrases and stores are")
    func secrecy() {
        let plain: [String: Set<String>] = [
            "ssh_password": ["user"], "ssh_private_key": ["user", "ssh_certificate"], "windows": ["user", "domain"],
            "snmp": [], "snmpv3": ["user", "authentication_protocol", "privacy_protocol", "snmp_context"],
            "vmware": ["user"], "basic_auth": ["user"], "cim": ["user"], "jms": ["user"], "jdbc": ["user"],
            "mssql": ["user"], "aws": ["access_key"], "azure": ["client_id", "tenant_id"], "gcp": ["email"],
            "api_key": [], "ibm": ["user", "softlayer_user"], "ea_azure": ["enrollment_number"],
            "azure_sas": ["sas_key_name"],
            "keystore": [
                "keystore_path", "user", "keystore_type", "truststore", "truststore_type", "ssl_provider_name",
                "security_protocol",
            ],
            "sn_itom_pattern_pcf": ["user"],
        ]

        for type in CredentialType.catalogue {
            let fields = type.shapes.flatMap(\.fields)
            #expect(Set(fields.filter { !$0.isSecret }.map(\.key)) == plain[type.name], "\(type.name)")
        }
    }

    @Test("only user, authprotocol, privprotocol and contextname are not sensitive")
    func sensitivity() {
        let open = ResolverKey.standard.filter { !$0.isSensitive }

        #expect(open == [.user, .authProtocol, .privProtocol, .contextName])
        #expect(ResolverKey("tenant_id").isSensitive)
        #expect(ResolverKey.password.rawValue == "pswd")
        #expect(ResolverKey.privateKey.rawValue == "pkey")
    }
}
