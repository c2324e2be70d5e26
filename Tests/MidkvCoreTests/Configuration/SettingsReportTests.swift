import Foundation
import MidkvCore
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("SettingsReport shows every setting with its source and no secret")
struct SettingsReportTests {
    private typealias Samples = ConfigurationSamples

    private static let canaries = [Samples.secretCanary, Samples.proxyPasswordCanary, Samples.identityHeaderCanary]

    private func row(_ report: SettingsReport, _ name: String) throws -> SettingsReport.Row {
        try #require(report.rows.first { $0.name == name })
    }

    private func assertNoCanary(_ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for text in texts {
            for canary in Self.canaries {
                #expect(!text.contains(canary), "report text leaks a secret", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("lists every setting in catalogue order under the name the user knows")
    func rowOrder() throws {
        let report = SettingsReport(settings: try Samples.settings())

        #expect(report.rows.map(\.name) == SettingKey.all.map(\.name))
        #expect(
            report.rows.map(\.name).prefix(3) == [
                "ext.cred.azure.tenant_id", "ext.cred.azure.client_id", "ext.cred.azure.secret_key",
            ]
        )
    }

    @Test("shows values and sources from flags, environment, config.xml and defaults")
    func sources() throws {
        let text = Samples.azureConfig([
            ("ext.cred.azure.tenant_id", Samples.tenant),
            ("ext.cred.azure.endpoint_scope", "https://vault.usgovcloudapi.net/.default"),
        ])
        let settings = try Samples.settings(
            config: text,
            flags: ["--vault-name": "kv-contoso-disc"],
            environment: ["AZURE_CLIENT_ID": Samples.client, "AZURE_CLIENT_SECRET": Samples.secretCanary]
        )
        let report = SettingsReport(settings: settings)

        #expect(
            try row(report, "ext.cred.azure.tenant_id")
                == .init(name: "ext.cred.azure.tenant_id", value: Samples.tenant, source: "config.xml line 8")
        )
        #expect(try row(report, "ext.cred.azure.client_id").source == "environment AZURE_CLIENT_ID")
        #expect(
            try row(report, "ext.cred.azure.secret_key")
                == .init(
                    name: "ext.cred.azure.secret_key",
                    value: "<redacted>",
                    source: "environment AZURE_CLIENT_SECRET",
                    note: "27 characters"
                )
        )
        #expect(try row(report, "ext.cred.azure.vault_name").source == "flag --vault-name")
        #expect(try row(report, "ext.cred.azure.vault_auth_endpoint").source == "default")
        #expect(try row(report, "vault DNS suffix").value == "vault.usgovcloudapi.net")
        #expect(
            try row(report, "vault DNS suffix").source
                == "derived from ext.cred.azure.endpoint_scope (config.xml line 9)"
        )
        #expect(try row(report, "timeout").value == "60 s")
        #expect(try row(report, "IDENTITY_HEADER").value == SettingsReport.notSetText)
        #expect(report.configFile == "/opt/servicenow/mid/agent/config.xml")
        #expect(report.authenticationMode == .clientSecret)
    }

    // MARK: - Encrypted values

    @Test("an encrypted secret_key that leaves no sign-in is said once, by the plan, without an error label")
    func encryptedBlocksSignIn() throws {
        let report = SettingsReport(settings: try Samples.settings(config: Samples.fullConfig))
        let message = "ext.cred.azure.secret_key is encrypted by the MID Server, and client-secret sign-in needs it"

        #expect(
            try row(report, "ext.cred.azure.secret_key")
                == .init(
                    name: "ext.cred.azure.secret_key",
                    value: "<encrypted by the MID>",
                    source: "config.xml line 63"
                )
        )
        #expect(report.authenticationMode == nil)
        #expect(report.authenticationError?.code == .configEncryptedValue)
        #expect(
            report.authentication == [
                "\(message) (config.encrypted-value)",
                "  seen: ext.cred.azure.secret_key in config.xml line 63, encrypted as ENCv2[…]",
                "  cause: A MID Server encrypts secure parameters when it starts; only that MID can decrypt them.",
                "  fix: For ext.cred.azure.secret_key, set AZURE_CLIENT_SECRET or pass --client-secret-file with a "
                    + "file holding the secret.",
            ]
        )
        #expect(report.notes.isEmpty)
        #expect(report.allText.filter { $0.contains("set AZURE_CLIENT_SECRET") }.count == 1)
        #expect(report.allText.allSatisfy { !$0.contains("error[") && !$0.contains("q3VtLmk0") })
    }

    @Test("only the encrypted values that stop sign-in move from the notes to the plan's text")
    func encryptedSplit() throws {
        let text = Samples.azureConfig([
            ("ext.cred.azure.tenant_id", Samples.legacyEncrypted), ("ext.cred.azure.client_id", Samples.v2Encrypted),
        ])
        let report = SettingsReport(settings: try Samples.settings(config: text))

        #expect(report.authenticationError?.code == .configEncryptedValue)
        #expect(
            report.authentication.prefix(2) == [
                "ext.cred.azure.client_id is encrypted by the MID Server, and choosing the user-assigned managed "
                    + "identity needs it (config.encrypted-value)",
                "  seen: ext.cred.azure.client_id in config.xml line 9, encrypted as ENCv2[…]",
            ]
        )
        #expect(report.notes.count == 1)
        #expect(report.notes.first?.hasPrefix("ext.cred.azure.tenant_id (config.xml line 8) is encrypted") == true)
    }

    @Test("an encrypted value that sign-in does without is one note, and its row only says where it is")
    func encryptedNote() throws {
        let text = Samples.azureConfig([("ext.cred.azure.vault_name", Samples.v2Encrypted)])
        let report = SettingsReport(settings: try Samples.settings(config: text))

        #expect(
            try row(report, "ext.cred.azure.vault_name")
                == .init(
                    name: "ext.cred.azure.vault_name",
                    value: "<encrypted by the MID>",
                    source: "config.xml line 8"
                )
        )
        #expect(
            report.notes == [
                "ext.cred.azure.vault_name (config.xml line 8) is encrypted by the MID Server as ENCv2[…] and cannot "
                    + "be read outside the MID; to give midkv this value, set MIDKV_VAULT_NAME or pass --vault-name."
            ]
        )
        #expect(report.authenticationMode == .imdsManagedIdentity)
        #expect(report.allText.filter { $0.contains("is encrypted by the MID Server") }.count == 1)
    }

    @Test("a value supplied elsewhere still mentions the encrypted copy in config.xml, once, as a note")
    func supersededNote() throws {
        let text = Samples.azureConfig([("ext.cred.azure.secret_key", Samples.v2Encrypted)])
        let report = SettingsReport(
            settings: try Samples.settings(config: text, environment: ["AZURE_CLIENT_SECRET": Samples.secretCanary])
        )
        let secret = try row(report, "ext.cred.azure.secret_key")

        #expect(secret.value == "<redacted>")
        #expect(secret.note == "27 characters")
        #expect(
            report.notes == [
                "ext.cred.azure.secret_key (config.xml line 8) is encrypted by the MID Server as ENCv2[…] and cannot "
                    + "be read outside the MID; midkv uses the value from another source instead."
            ]
        )
    }

    // MARK: - Proxy

    @Test("proxy rows show host and port, the user name, and a redacted password")
    func proxyRows() throws {
        let url = "http://svc-mid:\(Samples.proxyPasswordCanary)@squid.corp.example:8080"
        let report = SettingsReport(settings: try Samples.settings(environment: ["HTTPS_PROXY": url]))

        #expect(
            try row(report, "proxy")
                == .init(name: "proxy", value: "http://squid.corp.example:8080", source: "environment HTTPS_PROXY")
        )
        #expect(try row(report, "proxy username").value == "svc-mid")
        #expect(try row(report, "proxy password").value == "<redacted>")
        #expect(try row(report, "no_proxy").value == "169.254.169.254,localhost,127.0.0.1")
    }

    @Test("proxy rows from config.xml each name the line of their own parameter")
    func proxyRowLines() throws {
        let block = """
                <parameter name="mid.proxy.host" value="squid.corp.example"/>
                <parameter name="mid.proxy.use_proxy" value="true"/>
                <parameter name="mid.proxy.port" value="3128"/>
                <parameter name="mid.proxy.username" value="svc-mid"/>
                <parameter name="mid.proxy.password" secure="true" value="\(Samples.proxyPasswordCanary)"/>
            """
        let report = SettingsReport(settings: try Samples.settings(config: Samples.config(block)))

        #expect(try row(report, "proxy").source == "config.xml line 8")
        #expect(
            try row(report, "proxy username")
                == .init(name: "proxy username", value: "svc-mid", source: "config.xml line 11")
        )
        #expect(
            try row(report, "proxy password")
                == .init(
                    name: "proxy password",
                    value: "<redacted>",
                    source: "config.xml line 12",
                    note: "20 characters"
                )
        )
    }

    @Test("proxy user name and password from a URL name the URL's variable")
    func proxyRowURLSource() throws {
        let url = "http://svc-mid:\(Samples.proxyPasswordCanary)@squid.corp.example:8080"
        let report = SettingsReport(settings: try Samples.settings(environment: ["https_proxy": url]))

        #expect(try row(report, "proxy username").source == "environment https_proxy")
        #expect(try row(report, "proxy password").source == "environment https_proxy")
    }

    // MARK: - Managed identity variables

    @Test(
        "a managed identity variable set without its partner is shown with its source and explained once",
        arguments: [
            SensitiveArgument(
                "IDENTITY_ENDPOINT alone",
                (
                    "IDENTITY_ENDPOINT", "http://127.0.0.1:41741/msi/token",
                    "IDENTITY_ENDPOINT is set alone, so no managed identity uses it: App Service needs "
                        + "IDENTITY_HEADER with it, Azure Arc needs IMDS_ENDPOINT."
                )
            ),
            SensitiveArgument(
                "IMDS_ENDPOINT alone",
                (
                    "IMDS_ENDPOINT", "http://localhost:40342",
                    "IMDS_ENDPOINT is set without IDENTITY_ENDPOINT, so it is not used: Azure Arc needs both."
                )
            ),
            SensitiveArgument(
                "IDENTITY_HEADER alone",
                (
                    "IDENTITY_HEADER", Samples.identityHeaderCanary,
                    "IDENTITY_HEADER is set without IDENTITY_ENDPOINT, so it is not used: App Service needs both."
                )
            ),
        ]
    )
    func halfSetIdentity(argument: SensitiveArgument<(String, String, String)>) throws {
        let (name, value, explanation) = argument.value
        let report = SettingsReport(settings: try Samples.settings(environment: [name: value]))
        let shown = try row(report, name)
        let isSecret = name == "IDENTITY_HEADER"
        let expectedValue = isSecret ? SettingsReport.redactedText : value
        let expectedNote = isSecret ? "25 characters; not used, see Notes" : "not used, see Notes"

        #expect(shown.value == expectedValue)
        #expect(shown.source == "environment \(name)")
        #expect(shown.note == expectedNote)
        #expect(report.notes == [explanation])
        #expect(report.authenticationMode == .imdsManagedIdentity)
        assertNoCanary(report.allText)
    }

    @Test("a complete pair is shown as used, with no remark")
    func completeIdentityPairs() throws {
        let arc = try Samples.settings(environment: [
            "IDENTITY_ENDPOINT": "http://localhost:40342/metadata/identity/oauth2/token",
            "IMDS_ENDPOINT": "http://localhost:40342",
        ])
        let report = SettingsReport(settings: arc)

        #expect(try row(report, "IDENTITY_ENDPOINT").note == nil)
        #expect(try row(report, "IMDS_ENDPOINT").note == nil)
        #expect(try row(report, "IMDS_ENDPOINT").source == "environment IMDS_ENDPOINT")
        #expect(report.notes.isEmpty)
        #expect(report.authenticationMode == .arcManagedIdentity)
    }

    @Test("the App Service header's row names IDENTITY_HEADER as its source, not the endpoint's variable")
    func identityHeaderSource() throws {
        let environment = [
            "IDENTITY_ENDPOINT": "http://127.0.0.1:41741/msi/token", "IDENTITY_HEADER": Samples.identityHeaderCanary,
        ]
        let report = SettingsReport(settings: try Samples.settings(environment: environment))

        #expect(
            try row(report, "IDENTITY_HEADER")
                == .init(
                    name: "IDENTITY_HEADER",
                    value: "<redacted>",
                    source: "environment IDENTITY_HEADER",
                    note: "25 characters"
                )
        )
        #expect(try row(report, "IDENTITY_ENDPOINT").source == "environment IDENTITY_ENDPOINT")
        #expect(report.authenticationMode == .appServiceManagedIdentity)
    }

    @Test(
        "no row, note or plan text contains a secret, whichever way it was given",
        arguments: [
            SensitiveArgument(
                "client secret, tenant and client from the environment",
                [
                    "AZURE_CLIENT_SECRET": Samples.secretCanary, "AZURE_TENANT_ID": Samples.tenant,
                    "AZURE_CLIENT_ID": Samples.client,
                ]
            ),
            SensitiveArgument("client secret alone", ["AZURE_CLIENT_SECRET": Samples.secretCanary]),
            SensitiveArgument(
                "client secret with a null tenant",
                [
                    "AZURE_CLIENT_SECRET": Samples.secretCanary, "AZURE_TENANT_ID": "null",
                    "AZURE_CLIENT_ID": Samples.client,
                ]
            ),
            SensitiveArgument(
                "App Service identity header",
                [
                    "IDENTITY_ENDPOINT": "http://127.0.0.1:41741/msi/token",
                    "IDENTITY_HEADER": Samples.identityHeaderCanary,
                ]
            ),
        ]
    )
    func noSecretsFromEnvironment(argument: SensitiveArgument<[String: String]>) throws {
        let environment = argument.value
        let proxy = ["https_proxy": "http://svc-mid:\(Samples.proxyPasswordCanary)@squid.corp.example:8080"]
        let settings = try Samples.settings(environment: environment.merging(proxy) { $1 })
        let report = SettingsReport(settings: settings)

        assertNoCanary(report.allText)
        assertNoCanary(report.authenticationError.map(Samples.texts(of:)) ?? [])
        assertNoCanary([String(describing: settings), String(reflecting: settings)])
        assertNoCanary([String(describing: report), String(reflecting: report)])
    }

    @Test("no text contains a secret read from config.xml or from a file")
    func noSecretsFromFiles() throws {
        let block = """
                <parameter name="ext.cred.azure.tenant_id" secure="true" value="\(Samples.tenant)"/>
                <parameter name="ext.cred.azure.client_id" secure="true" value="\(Samples.client)"/>
                <parameter name="ext.cred.azure.secret_key" secure="true" value="\(Samples.secretCanary)"/>
                <parameter name="mid.proxy.host" value="proxy.corp.example"/>
                <parameter name="mid.proxy.username" value="svc-mid"/>
                <parameter name="mid.proxy.password" secure="true" value="\(Samples.proxyPasswordCanary)"/>
            """
        let fromConfig = try Samples.settings(config: Samples.config(block))
        let fromFile = try Samples.settings(
            flags: ["--client-secret-file": "/run/secrets/akv", "--tenant-id": "&lt;tenant&gt;"],
            files: ["/run/secrets/akv": Samples.secretCanary + "\r\n"]
        )

        for settings in [fromConfig, fromFile] {
            let report = SettingsReport(settings: settings)

            assertNoCanary(report.allText)
            assertNoCanary(report.authenticationError.map(Samples.texts(of:)) ?? [])
            assertNoCanary([String(reflecting: settings), String(reflecting: report)])
        }
        #expect(SettingsReport(settings: fromConfig).authenticationMode == .clientSecret)
        #expect(try row(SettingsReport(settings: fromConfig), "proxy password").value == "<redacted>")
    }

    @Test("the plan's explanation follows the rows")
    func planText() throws {
        let report = SettingsReport(settings: try Samples.settings())

        #expect(report.authenticationMode == .imdsManagedIdentity)
        #expect(
            report.authentication.first?.hasPrefix("Managed identity sign-in with the system-assigned identity") == true
        )
        #expect(report.authentication.count == 7)
    }
}
