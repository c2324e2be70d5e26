import Foundation
import MidkvCore
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("Settings resolves flag, environment, config.xml and default in that order")
struct SettingsTests {
    private typealias Samples = ConfigurationSamples
    private static let configPath = "/opt/servicenow/mid/agent/config.xml"

    private func configSource(_ parameter: String, in text: String) -> SettingSource {
        .configFile(path: Self.configPath, line: Samples.line(of: "\"\(parameter)\"", in: text), parameter: parameter)
    }

    // MARK: - Order and sources

    @Test("a flag beats the environment, which beats config.xml, which beats the default")
    func resolutionOrder() throws {
        let text = Samples.azureConfig([("ext.cred.azure.endpoint_scope", "https://vault.azure.cn/.default")])
        let flags = ["--scope": "https://vault.usgovcloudapi.net/.default"]
        let environment = ["MIDKV_SCOPE": "https://vault.microsoftazure.de/.default"]

        let fromFlag = try Samples.settings(config: text, flags: flags, environment: environment)
        let fromEnvironment = try Samples.settings(config: text, environment: environment)
        let fromFile = try Samples.settings(config: text)
        let fromDefault = try Samples.settings()

        #expect(fromFlag.scope == Setting(flags["--scope"]!, source: .flag("--scope")))
        #expect(fromEnvironment.scope == Setting(environment["MIDKV_SCOPE"]!, source: .environment("MIDKV_SCOPE")))
        #expect(
            fromFile.scope
                == Setting(
                    "https://vault.azure.cn/.default",
                    source: configSource("ext.cred.azure.endpoint_scope", in: text)
                )
        )
        #expect(fromDefault.scope == Setting("https://vault.azure.net/.default", source: .default))
    }

    @Test("tenant, client and vault name record the source each came from")
    func mixedSources() throws {
        let text = Samples.azureConfig([
            ("ext.cred.azure.tenant_id", Samples.tenant),
            ("ext.cred.azure.client_id", "bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee"),
            ("ext.cred.azure.vault_name", "kv-from-file"),
        ])
        let settings = try Samples.settings(
            config: text,
            flags: ["vault-name": "kv-contoso-disc"],
            environment: ["AZURE_CLIENT_ID": Samples.client]
        )

        #expect(
            settings.tenantID == Setting(Samples.tenant, source: configSource("ext.cred.azure.tenant_id", in: text))
        )
        #expect(settings.clientID == Setting(Samples.client, source: .environment("AZURE_CLIENT_ID")))
        #expect(settings.vaultName == Setting("kv-contoso-disc", source: .flag("--vault-name")))
        #expect(settings.tenantID?.source.description == "config.xml line 8")
    }

    @Test("an empty environment variable counts as unset; an empty flag counts as given")
    func emptyValues() throws {
        let fromEnvironment = try Samples.settings(environment: ["AZURE_TENANT_ID": "", "MIDKV_VAULT_NAME": ""])
        let fromFlag = try Samples.settings(flags: ["--tenant-id": ""])

        #expect(fromEnvironment.tenantID == nil)
        #expect(fromEnvironment.vaultName == nil)
        #expect(fromFlag.tenantID == Setting("", source: .flag("--tenant-id")))
    }

    @Test("nothing set gives the documented defaults")
    func defaults() throws {
        let settings = try Samples.settings()

        #expect(
            settings.tokenURLTemplate
                == Setting("https://login.microsoftonline.com/%s/oauth2/v2.0/token", source: .default)
        )
        #expect(settings.keyVaultAPIVersion == Setting("7.4", source: .default))
        #expect(settings.imdsEndpoint == Setting(URL(string: "http://169.254.169.254")!, source: .default))
        #expect(settings.timeout == Setting(.seconds(60), source: .default))
        #expect(settings.vaultSuffix.value == "vault.azure.net")
        #expect(settings.proxy == Setting(nil, source: .default))
        #expect(settings.noProxy == Setting(["169.254.169.254", "localhost", "127.0.0.1"], source: .default))
        #expect(settings.tenantID == nil && settings.clientSecret == nil && settings.vaultName == nil)
        #expect(settings.connectTo == nil && settings.caFile == nil && settings.appServiceIdentity == nil)
    }

    @Test("a config.xml path that cannot be read stops resolution")
    func unreadableConfigPath() throws {
        let reader = ConfigurationFileReader.inMemory([:])
        let error = try #require(
            Samples.midkvError { _ = try Settings.resolve(configFilePath: Self.configPath, fileReader: reader) }
        )

        #expect(error.code == .configUnreadable)
        #expect(error.evidence("file") == Self.configPath)
    }

    @Test("reads config.xml through the given path")
    func configPath() throws {
        let reader = ConfigurationFileReader.inMemory([Self.configPath: Data(Samples.fullConfig.utf8)])
        let settings = try Settings.resolve(configFilePath: Self.configPath, fileReader: reader)

        #expect(settings.configFile?.path == Self.configPath)
        #expect(settings.vaultName?.value == "kv-contoso-disc")
        #expect(settings.tenantID?.source.description == "config.xml line 61")
    }

    // MARK: - Client secret

    @Test(
        "--client-secret-file strips exactly one trailing line break",
        arguments: [
            ("Xy9~s3cr3t\n", "Xy9~s3cr3t"),
            ("Xy9~s3cr3t\r\n", "Xy9~s3cr3t"),
            ("Xy9~s3cr3t", "Xy9~s3cr3t"),
            ("Xy9~s3cr3t\n\n", "Xy9~s3cr3t\n"),
            (" Xy9~s3cr3t \n", " Xy9~s3cr3t "),
            ("Xy9~s3cr3t\r", "Xy9~s3cr3t\r"),
        ]
    )
    func secretFile(contents: String, expected: String) throws {
        let settings = try Samples.settings(
            flags: ["--client-secret-file": "/run/secrets/akv"],
            environment: ["AZURE_CLIENT_SECRET": "from-environment"],
            files: ["/run/secrets/akv": contents]
        )

        #expect(settings.clientSecret?.value.reveal() == expected)
        #expect(settings.clientSecret?.source == .flag("--client-secret-file"))
    }

    @Test("a missing or empty --client-secret-file is an error naming the path", arguments: [nil, "", "\n", "\r\n"])
    func unusableSecretFile(contents: String?) throws {
        let files = contents.map { ["/run/secrets/akv": $0] } ?? [:]
        let error = try #require(
            Samples.midkvError {
                _ = try Samples.settings(flags: ["client-secret-file": "/run/secrets/akv"], files: files)
            }
        )

        #expect(error.code == .configInvalidValue)
        #expect(error.evidence("file") == "/run/secrets/akv")
        #expect(error.evidence("setting") == "--client-secret-file")
        #expect(error.message.contains(contents == nil ? "cannot be read: no such file" : "is empty"))
    }

    @Test("an encrypted secret_key with no other source leaves the secret unset with a plain note")
    func encryptedSecretAlone() throws {
        let text = Samples.azureConfig([("ext.cred.azure.secret_key", Samples.v2Encrypted)])
        let settings = try Samples.settings(config: text)
        let encrypted = try #require(settings.encryptedValue(for: .clientSecret))

        #expect(settings.clientSecret == nil)
        #expect(!encrypted.isSuperseded)
        #expect(encrypted.encryption == .v2)
        #expect(encrypted.source == configSource("ext.cred.azure.secret_key", in: text))
        #expect(
            settings.notes == [
                "ext.cred.azure.secret_key (config.xml line 8) is encrypted by the MID Server as ENCv2[…] and cannot "
                    + "be read outside the MID; to give midkv this value, set AZURE_CLIENT_SECRET or pass "
                    + "--client-secret-file with a file holding the secret."
            ]
        )
    }

    @Test("AZURE_CLIENT_SECRET replaces an encrypted secret_key, which stays recorded")
    func encryptedSecretReplaced() throws {
        let text = Samples.azureConfig([("ext.cred.azure.secret_key", Samples.legacyEncrypted)])
        let settings = try Samples.settings(config: text, environment: ["AZURE_CLIENT_SECRET": Samples.secretCanary])

        #expect(settings.clientSecret?.value.reveal() == Samples.secretCanary)
        #expect(settings.clientSecret?.source == .environment("AZURE_CLIENT_SECRET"))
        #expect(settings.encryptedValue(for: .clientSecret)?.isSuperseded == true)
        #expect(settings.encryptedValue(for: .clientSecret)?.encryption == .legacy)
        #expect(settings.notes.isEmpty)
    }

    @Test("every encrypted Azure parameter is recorded against its setting")
    func encryptedIdentifiers() throws {
        let settings = try Samples.settings(
            config: Samples.fullConfig.replacingOccurrences(of: Samples.tenant, with: Samples.legacyEncrypted)
        )

        #expect(settings.tenantID == nil)
        #expect(settings.clientID?.value == Samples.client)
        #expect(settings.encryptedValues.map(\.key) == [.tenantID, .clientSecret])
        #expect(settings.notes.count == 2)
        #expect(settings.notes[0].contains("set AZURE_TENANT_ID or pass --tenant-id"))
    }

    // MARK: - Token URL, scope and cloud

    @Test("a token URL without %s is an error naming the parameter and its line")
    func tokenURLWithoutPlaceholder() throws {
        let text = Samples.azureConfig([
            ("ext.cred.azure.vault_auth_endpoint", "https://login.microsoftonline.us/oauth2/v2.0/token")
        ])
        let error = try #require(Samples.midkvError { _ = try Samples.settings(config: text) })

        #expect(error.code == .configInvalidValue)
        #expect(error.evidence("setting") == "ext.cred.azure.vault_auth_endpoint")
        #expect(error.evidence("source") == "config.xml line 8")
        #expect(
            error.message == "ext.cred.azure.vault_auth_endpoint in config.xml line 8 has no %s where the tenant goes"
        )
    }

    @Test(
        "a token URL with two %s or no URL at all is rejected",
        arguments: ["https://%s.example/%s/token", "login/%s/token"]
    )
    func tokenURLMalformed(template: String) throws {
        let error = try #require(
            Samples.midkvError { _ = try Samples.settings(environment: ["MIDKV_TOKEN_URL": template]) }
        )

        #expect(error.code == .configInvalidValue)
        #expect(error.evidence("setting") == "MIDKV_TOKEN_URL")
    }

    @Test("AZURE_AUTHORITY_HOST sets the token URL only when nothing else does")
    func authorityHost() throws {
        let environment = ["AZURE_AUTHORITY_HOST": "https://login.microsoftonline.us/"]
        let derived = try Samples.settings(environment: environment)
        let overridden = try Samples.settings(
            flags: ["--token-url": "https://login.chinacloudapi.cn/%s/oauth2/v2.0/token"],
            environment: environment
        )

        #expect(derived.tokenURLTemplate.value == "https://login.microsoftonline.us/%s/oauth2/v2.0/token")
        #expect(derived.tokenURLTemplate.source.description == "derived from environment AZURE_AUTHORITY_HOST")
        #expect(derived.tokenCloud == .usGovernment)
        #expect(overridden.tokenURLTemplate.source == .flag("--token-url"))
        #expect(
            derived.tokenURL(tenant: Samples.tenant)?.absoluteString
                == "https://login.microsoftonline.us/\(Samples.tenant)/oauth2/v2.0/token"
        )
    }

    @Test(
        "the vault suffix follows the cloud of endpoint_scope",
        arguments: [
            ("https://vault.usgovcloudapi.net/.default", "vault.usgovcloudapi.net", AzureCloud.usGovernment),
            ("https://vault.azure.cn/.default", "vault.azure.cn", .china),
            ("https://vault.microsoftazure.de/.default", "vault.microsoftazure.de", .germany),
            ("https://vault.azure.net/.default", "vault.azure.net", .publicCloud),
        ]
    )
    func sovereignSuffix(scope: String, suffix: String, cloud: AzureCloud) throws {
        let text = Samples.azureConfig([("ext.cred.azure.endpoint_scope", scope)])
        let settings = try Samples.settings(config: text)

        #expect(settings.vaultSuffix.value == suffix)
        #expect(
            settings.vaultSuffix.source == .derived(from: "ext.cred.azure.endpoint_scope", via: settings.scope.source)
        )
        #expect(
            settings.vaultSuffix.source.description == "derived from ext.cred.azure.endpoint_scope (config.xml line 8)"
        )
        #expect(settings.scopeCloud == cloud)
    }

    @Test("--vault-suffix and MIDKV_VAULT_SUFFIX override the derived suffix")
    func explicitSuffix() throws {
        let fromFlag = try Samples.settings(flags: ["--vault-suffix": ".Vault.Local"])
        let fromEnvironment = try Samples.settings(environment: ["MIDKV_VAULT_SUFFIX": "vault.test"])
        let error = Samples.midkvError { _ = try Samples.settings(flags: ["--vault-suffix": "https://vault.test/"]) }

        #expect(fromFlag.vaultSuffix == Setting("vault.local", source: .flag("--vault-suffix")))
        #expect(fromEnvironment.vaultSuffix == Setting("vault.test", source: .environment("MIDKV_VAULT_SUFFIX")))
        #expect(error?.code == .configInvalidValue)
    }

    @Test("a scope that is not a URL is rejected")
    func invalidScope() throws {
        let error = Samples.midkvError { _ = try Samples.settings(flags: ["--scope": "vault.azure.net/.default"]) }

        #expect(error?.code == .configInvalidValue)
        #expect(error?.evidence("setting") == "--scope")
    }

    @Test("the Key Vault API version comes from the flag or MIDKV_KEYVAULT_API_VERSION")
    func apiVersion() throws {
        let settings = try Samples.settings(environment: ["MIDKV_KEYVAULT_API_VERSION": "2025-07-01"])
        let error = Samples.midkvError { _ = try Samples.settings(flags: ["--api-version": "7.4&x=1"]) }

        #expect(
            settings.keyVaultAPIVersion == Setting("2025-07-01", source: .environment("MIDKV_KEYVAULT_API_VERSION"))
        )
        #expect(error?.code == .configInvalidValue)
    }

    // MARK: - Network

    @Test(
        "--connect-to accepts loopback addresses with a port",
        arguments: ["127.0.0.1:8443", "127.8.9.10:1", "[::1]:65535"]
    )
    func connectToLoopback(value: String) throws {
        let settings = try Samples.settings(flags: ["--connect-to": value])

        #expect(settings.connectTo == Setting(value, source: .flag("--connect-to")))
        #expect(settings.transportConfiguration().connectTo == value)
        #expect(settings.transportConfiguration().loopbackOnly)
    }

    @Test(
        "--connect-to rejects anything but a loopback address and port, naming the value",
        arguments: [
            "localhost:8443", "10.0.0.4:443", "169.254.169.254:80", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000",
            "127.0.0.256:80", "kv-contoso-disc.vault.azure.net:443", "::1:8443", "127.0.0.1:+80",
        ]
    )
    func connectToRejected(value: String) throws {
        let error = try #require(
            Samples.midkvError { _ = try Samples.settings(environment: ["MIDKV_CONNECT_TO": value]) }
        )

        #expect(error.code == .configInvalidValue)
        #expect(error.evidence("value") == value)
        #expect(error.evidence("setting") == "MIDKV_CONNECT_TO")
    }

    @Test("--ca-file must name a readable file")
    func caFile() throws {
        let settings = try Samples.settings(
            flags: ["--ca-file": "/etc/midkv/ca.pem"],
            files: ["/etc/midkv/ca.pem": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"]
        )
        let error = try #require(
            Samples.midkvError { _ = try Samples.settings(environment: ["MIDKV_CA_FILE": "/nope.pem"]) }
        )

        #expect(settings.caFile == Setting("/etc/midkv/ca.pem", source: .flag("--ca-file")))
        #expect(error.code == .configInvalidValue)
        #expect(error.evidence("file") == "/nope.pem")
    }

    @Test(
        "--ca-file that holds no PEM certificate is refused by name before any connection",
        arguments: ["", "not a certificate\n", "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n"]
    )
    func caFileWithoutCertificate(content: String) throws {
        let error = try #require(
            Samples.midkvError {
                _ = try Samples.settings(
                    flags: ["--ca-file": "/etc/midkv/ca.cer"],
                    files: ["/etc/midkv/ca.cer": content]
                )
            }
        )

        #expect(error.code == .configInvalidValue)
        #expect(error.evidence("file") == "/etc/midkv/ca.cer")
        #expect(error.message.hasSuffix("holds no PEM certificate (no -----BEGIN CERTIFICATE----- line)"))
        #expect(error.fix.contains("openssl x509 -inform der"))
    }

    @Test("the time budget is read in seconds and must be at least a millisecond")
    func timeout() throws {
        let settings = try Samples.settings(flags: ["--timeout": "2.5"])
        let errors = ["0", "-1", "abc", "nan", "0.0001", "1e-320"].map { value in
            Samples.midkvError { _ = try Samples.settings(environment: ["MIDKV_TIMEOUT": value]) }?.code
        }

        #expect(settings.timeout == Setting(.milliseconds(2500), source: .flag("--timeout")))
        #expect(errors == Array(repeating: .configInvalidValue, count: 6))
    }

    @Test("the IMDS endpoint comes from the flag, MIDKV_IMDS_ENDPOINT or AZURE_POD_IDENTITY_AUTHORITY_HOST")
    func imdsEndpoint() throws {
        let pod = try Samples.settings(environment: ["AZURE_POD_IDENTITY_AUTHORITY_HOST": "http://127.0.0.1:2579"])
        let both = try Samples.settings(
            flags: ["--imds-endpoint": "http://127.0.0.1:8081"],
            environment: ["MIDKV_IMDS_ENDPOINT": "http://127.0.0.1:8080"]
        )
        let error = Samples.midkvError {
            _ = try Samples.settings(environment: ["MIDKV_IMDS_ENDPOINT": "169.254.169.254"])
        }

        #expect(
            pod.imdsEndpoint
                == Setting(
                    URL(string: "http://127.0.0.1:2579")!,
                    source: .environment("AZURE_POD_IDENTITY_AUTHORITY_HOST")
                )
        )
        #expect(both.imdsEndpoint.source == .flag("--imds-endpoint"))
        #expect(error?.code == .configInvalidValue)
    }

    @Test("the App Service identity needs both IDENTITY_ENDPOINT and IDENTITY_HEADER")
    func appServiceIdentity() throws {
        let endpoint = "http://127.0.0.1:41741/msi/token"
        let both = try Samples.settings(environment: [
            "IDENTITY_ENDPOINT": endpoint, "IDENTITY_HEADER": Samples.identityHeaderCanary,
        ])
        let half = try Samples.settings(environment: ["IDENTITY_ENDPOINT": endpoint])

        #expect(both.appServiceIdentity?.value.endpoint.absoluteString == endpoint)
        #expect(both.appServiceIdentity?.value.header.reveal() == Samples.identityHeaderCanary)
        #expect(both.appServiceIdentity?.source == .environment("IDENTITY_ENDPOINT"))
        #expect(both.identityVariables.endpoint == Setting(endpoint, source: .environment("IDENTITY_ENDPOINT")))
        #expect(both.identityVariables.header?.source == .environment("IDENTITY_HEADER"))
        #expect(both.identityVariables.imdsEndpoint == nil)
        #expect(half.appServiceIdentity == nil)
        #expect(half.identityVariables.endpoint?.source == .environment("IDENTITY_ENDPOINT"))
        #expect(half.unusedIdentityVariables == [.identityEndpoint])
        #expect(
            half.notes == [
                "IDENTITY_ENDPOINT is set alone, so no managed identity uses it: App Service needs IDENTITY_HEADER "
                    + "with it, Azure Arc needs IMDS_ENDPOINT."
            ]
        )
    }

    @Test("managed identity variables without their partner are kept, listed as unused and explained")
    func unusedIdentityVariables() throws {
        let strays = try Samples.settings(environment: [
            "IDENTITY_HEADER": Samples.identityHeaderCanary, "IMDS_ENDPOINT": "http://localhost:40342",
        ])

        #expect(strays.appServiceIdentity == nil)
        #expect(strays.arcIdentity == nil)
        #expect(strays.identityVariables.header?.source == .environment("IDENTITY_HEADER"))
        #expect(
            strays.identityVariables.imdsEndpoint
                == Setting("http://localhost:40342", source: .environment("IMDS_ENDPOINT"))
        )
        #expect(strays.unusedIdentityVariables == [.identityHeader, .arcIMDSEndpoint])
        #expect(
            strays.notes == [
                "IDENTITY_HEADER is set without IDENTITY_ENDPOINT, so it is not used: App Service needs both.",
                "IMDS_ENDPOINT is set without IDENTITY_ENDPOINT, so it is not used: Azure Arc needs both.",
            ]
        )
    }

    @Test("IDENTITY_ENDPOINT alone is used, without a remark, when the Azure Arc agent is installed")
    func identityEndpointWithArcAgent() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let himds = try folder.write("azcmagent/bin/himds", "#!/bin/sh\n")
        let agent = Settings.ArcAgentLocations(himdsPath: himds, tokensFolder: folder.path("tokens"))
        let endpoint = "http://localhost:40342/metadata/identity/oauth2/token"

        let settings = try Samples.settings(environment: ["IDENTITY_ENDPOINT": endpoint], arcAgent: agent)

        #expect(settings.arcIdentity?.source == .environment("IDENTITY_ENDPOINT"))
        #expect(settings.unusedIdentityVariables.isEmpty)
        #expect(settings.notes.isEmpty)
    }

    @Test("resolution logs names and sources, never values")
    func logging() throws {
        let handler = MemoryLogHandler()
        let logger = Logger(label: "midkv.config", handler: handler, minimumLevel: .trace)
        let reader = ConfigurationFileReader.inMemory([:])
        _ = try Settings.resolve(
            environment: ["AZURE_CLIENT_SECRET": Samples.secretCanary, "AZURE_TENANT_ID": Samples.tenant],
            configFile: nil,
            fileReader: reader,
            logger: logger
        )

        #expect(handler.entries.contains { $0.metadata["config.source"] == "environment AZURE_CLIENT_SECRET" })
        #expect(!handler.transcript.contains(Samples.secretCanary))
    }
}
