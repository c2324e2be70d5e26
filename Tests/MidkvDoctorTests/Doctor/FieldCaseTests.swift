import Foundation
import MidkvCore
import MidkvDoctor
import MidkvTestSupport
import Testing

/// Every case of the field-case catalogue, reproduced from its input and named by its code. This
/// file holds the offline cases: config.xml text and Credential IDs.
@Suite("Field cases")
struct FieldCaseTests {
    @Test("field case 1: edited config.xml, MID not restarted, null tenant logged after the edit: config.not-loaded")
    func case1NotRestarted() throws {
        let xml = ConfigSamples.config(
            """
                <parameter name="ext.cred.azure.tenant_id" secure="true" value="11111111-2222-3333-4444-555555555555"/>
                <parameter name="ext.cred.azure.client_id" secure="true" value="aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"/>
                <parameter name="ext.cred.azure.secret_key" secure="true" value="CANARY-Xy9~placeholder~secret"/>
            """
        )
        let edited = ConfigSamples.now.addingTimeInterval(-600)
        let runtime = MIDRuntimeFacts(
            lastStart: ConfigSamples.now.addingTimeInterval(-86_400),
            lastNullTenantOrClient: ConfigSamples.now.addingTimeInterval(-120)
        )

        let result = ConfigSamples.check(
            xml,
            status: FileStatus(permissions: 0o600, modified: edited),
            runtime: runtime
        )

        #expect(result.errorCodes == [.configNotLoaded])
        let finding = try #require(result.findings(.configNotLoaded).first)
        #expect(finding.message.contains("the file changed after the MID last started"))
        #expect(finding.message.contains("null tenant or client ID after the file was changed"))
        #expect(finding.evidence("config.xml changed")?.hasSuffix("(10 minutes ago)") == true)
        #expect(finding.fix?.hasPrefix("Restart the MID Server service on the host whose agent folder holds") == true)
        #expect(!result.findings.mention("CANARY"))
    }

    @Test("field case 3: near-miss parameter names each get the valid name, then the missing ones are listed")
    func case3NearMisses() throws {
        let xml = ConfigSamples.config(
            """
                <parameter name="mid.ext.cred.azure.tenant_id" secure="true" value="11111111-2222-3333-4444-555555555555"/>
                <parameter name="ext.cred.azure.clientid"      secure="true" value="aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"/>
                <parameter name="ext.cred.azure.client_secret" secure="true" value="CANARY-Xy9~placeholder~secret"/>
                <parameter name="ext.cred.azure.vault.name"    value="kv-contoso-disc"/>
            """
        )

        let result = ConfigSamples.check(xml)

        let renamed = result.findings(.configUnknownParameter).map {
            "\($0.evidence("parameter") ?? "") -> \($0.evidence("meant") ?? "")"
        }
        #expect(
            renamed == [
                "mid.ext.cred.azure.tenant_id -> ext.cred.azure.tenant_id",
                "ext.cred.azure.clientid -> ext.cred.azure.client_id",
                "ext.cred.azure.client_secret -> ext.cred.azure.secret_key",
                "ext.cred.azure.vault.name -> ext.cred.azure.vault_name",
            ]
        )
        #expect(result.findings(.configUnknownParameter).allSatisfy { $0.severity == .error })
        let missing = result.findings(.configMissingParameter).map { $0.evidence("parameter") }
        #expect(missing == ["ext.cred.azure.tenant_id", "ext.cred.azure.client_id", "ext.cred.azure.secret_key"])
        #expect(
            result.findings(.configMissingParameter)[2].evidence("written as")
                == "`ext.cred.azure.client_secret` on line 25"
        )
        #expect(result.findings(.configCommentedOut).map(\.severity) == [.note])
        #expect(!result.findings.mention("CANARY"))
    }

    @Test("field case 4: the colon form in vault_name is config.invalid-vault-name with the bare name")
    func case4VaultNameColonForm() throws {
        let xml = ConfigSamples.config(
            #"    <parameter name="ext.cred.azure.vault_name" secure="false" value="linux-root-ssh:kv-contoso-disc"/>"#
        )

        let result = ConfigSamples.check(xml)

        let finding = try #require(result.findings(.configInvalidVaultName).first)
        #expect(finding.severity == .error)
        #expect(finding.evidence("value") == "linux-root-ssh:kv-contoso-disc")
        #expect(finding.cause?.contains("belongs in a Credential ID") == true)
        #expect(finding.fix?.hasPrefix("Set ext.cred.azure.vault_name to `kv-contoso-disc`") == true)
    }

    @Test(
        "field case 4: Credential IDs seen in the wild are credential-id.not-a-name",
        arguments: [
            "https://kv-contoso-disc.vault.azure.net/secrets/linux-root-ssh",
            "linux-root-ssh/5f0c2d3e4b5a69788a9b0c1d2e3f4ae9",
            "kv-contoso-disc:linux-root-ssh",
            "linux-root-ssh:kv-contoso-disc.vault.azure.net",
        ]
    )
    func case4CredentialIDs(_ id: String) throws {
        let targets = [
            CredentialTarget(credentialID: id, type: "ssh_private_key"),
            CredentialTarget(credentialID: "linux-root-pw:kv-contoso-disc", type: "ssh_password"),
        ]

        let parsed = CredentialCheck.parse(targets, settings: try Settings.resolve(), configFile: nil)

        #expect(parsed[0].finding.code == .credentialIDNotAName)
        #expect(parsed[0].finding.check == "credential-id")
        #expect(parsed[0].finding.evidence("credential type") == "ssh_private_key")
        #expect(parsed[1].finding.code == .credentialIDValid)
    }

    @Test("field case 13: a GUID in secret_key is config.secret-looks-like-id before any call")
    func case13SecretID() throws {
        let xml = ConfigSamples.config(
            ConfigSamples.plainBlock.replacingOccurrences(of: ConfigSamples.secret, with: ConfigSamples.secretID)
        )

        let result = ConfigSamples.check(xml)

        let finding = try #require(result.findings(.configSecretLooksLikeID).first)
        #expect(finding.severity == .error)
        #expect(finding.evidence("value shape") == "36 characters, GUID-shaped")
        #expect(!finding.shownText.contains(ConfigSamples.secretID))
        #expect(finding.fix?.hasPrefix("Paste the secret's Value into ext.cred.azure.secret_key") == true)
    }

    @Test("field case 15: tenant and client IDs are checked to be GUIDs first: config.invalid-guid")
    func case15NotGUIDs() throws {
        let xml = ConfigSamples.config(
            ConfigSamples.plainBlock.replacingOccurrences(of: ConfigSamples.client, with: "ServiceNow MID Discovery")
        )

        let result = ConfigSamples.check(xml)

        #expect(result.errorCodes == [.configInvalidGUID])
        #expect(result.findings(.configInvalidGUID).first?.evidence("parameter") == "ext.cred.azure.client_id")
    }

    @Test(
        "field case 17: a US Government scope with the login host left at the public default is config.cloud-mismatch"
    )
    func case17CloudMismatch() throws {
        let block =
            ConfigSamples.plainBlock + "\n"
            + #"    <parameter name="ext.cred.azure.endpoint_scope" value="https://vault.usgovcloudapi.net/.default"/>"#
            + "\n    <!-- ext.cred.azure.vault_auth_endpoint missing -->"

        let result = ConfigSamples.check(ConfigSamples.config(block))

        #expect(result.errorCodes == [.configCloudMismatch])
        let finding = try #require(result.findings(.configCloudMismatch).first)
        #expect(finding.message.contains("token URL Azure public cloud (default), scope Azure US Government"))
        #expect(
            finding.fix
                == "Use the Azure US Government login host: set ext.cred.azure.vault_auth_endpoint to "
                + "https://login.microsoftonline.us/%s/oauth2/v2.0/token and restart the MID Server."
        )
    }

    @Test("field case 17: the documented <paramter typo drops the login override: unknown element and cloud mismatch")
    func case17Typo() throws {
        let block =
            ConfigSamples.plainBlock + "\n"
            + #"    <parameter name="ext.cred.azure.endpoint_scope" value="https://vault.usgovcloudapi.net/.default"/>"#
            + "\n"
            + #"    <paramter name="ext.cred.azure.vault_auth_endpoint" value="https://login.microsoftonline.us/%s/oauth2/v2.0/token"/>"#

        let result = ConfigSamples.check(ConfigSamples.config(block))

        #expect(result.errorCodes == [.configUnknownElement, .configCloudMismatch])
    }

    @Test("field case 24: underscores and dots in the secret part are credential-id.invalid-name with a suggestion")
    func case24InvalidCharacters() throws {
        let targets = [
            CredentialTarget(credentialID: "linux_root.ssh", type: "ssh_private_key"),
            CredentialTarget(credentialID: "linux root ssh:kv-contoso-disc", type: "ssh_private_key"),
        ]
        let settings = try Settings.resolve(flags: ["--vault-name": "kv-contoso-disc"])

        let parsed =
            CredentialCheck.parse(Array(targets.prefix(1)), settings: settings, configFile: nil)
            + CredentialCheck.parse(Array(targets.suffix(1)), settings: try Settings.resolve(), configFile: nil)

        #expect(parsed.map(\.finding.code) == [.credentialIDInvalidName, .credentialIDInvalidName])
        #expect(parsed[0].finding.fix?.contains("linux-root-ssh") == true)
    }
}
