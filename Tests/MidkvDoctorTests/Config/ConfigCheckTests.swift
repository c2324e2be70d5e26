import Foundation
import MidkvCore
import MidkvDoctor
import Testing

@Suite("Config check")
struct ConfigCheckTests {
    @Test("a loaded MID's config.xml passes with one ok finding and notes for the values only the MID can read")
    func loadedConfig() {
        let result = ConfigSamples.check(ConfigSamples.config(ConfigSamples.encryptedBlock))

        #expect(result.errorCodes.isEmpty)
        #expect(result.findings.filter { $0.severity >= .warning }.isEmpty)
        #expect(result.findings(.configEncryptedValue).count == 3)
        let note = result.findings(.configEncryptedValue)[0]
        #expect(note.severity == .note)
        #expect(note.evidence("parameter") == "ext.cred.azure.tenant_id")
        #expect(note.evidence("format") == "ENCv2[…]")
        #expect(note.fix == "To let midkv check with this value, set AZURE_TENANT_ID or pass --tenant-id.")
        #expect(result.findings(.configValid).count == 1)
        #expect(result.plan == nil)
        #expect(result.planError?.code == .configEncryptedValue)
    }

    @Test("the shipped commented proxy block alone is one note")
    func shippedProxyBlock() throws {
        let result = ConfigSamples.check(ConfigSamples.config(ConfigSamples.encryptedBlock))

        let note = try #require(result.findings(.configCommentedOut).first)
        #expect(result.findings(.configCommentedOut).count == 1)
        #expect(note.severity == .note)
        #expect(note.evidence("commented lines") == "11, 12, 13")
    }

    @Test("a missing file is config.unreadable from the reader, and no settings are resolved")
    func missingFile() throws {
        let dependencies = ConfigCheck.Dependencies(
            fileReader: .inMemory([:]),
            files: .fixed(nil),
            processes: StaticProcessTable()
        )
        let result = ConfigCheck(dependencies: dependencies).run(configPath: ConfigSamples.path)

        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(finding.code == .configUnreadable)
        #expect(finding.severity == .error)
        #expect(finding.message == "config.xml not found at \(ConfigSamples.path)")
        #expect(result.settings == nil)
        #expect(result.settingsError?.code == .configUnreadable)
    }

    @Test("XML that is not well-formed is config.unreadable naming line and column")
    func malformed() throws {
        let xml = ConfigSamples.config(#"<parameter name="ext.cred.azure.tenant_id" value="a&b"/>"#)
        let result = ConfigSamples.check(xml)

        let finding = try #require(result.findings.first)
        #expect(finding.code == .configUnreadable)
        #expect(finding.evidence("line") == "23")
    }

    @Test("a value settings cannot use is reported with the settings' own code")
    func invalidValue() throws {
        let block =
            ConfigSamples.encryptedBlock + "\n" + #"<parameter name="mid.proxy.host" value="proxy.contoso.local"/>"#
            + "\n" + #"<parameter name="mid.proxy.port" value="31 28"/>"#
        let result = ConfigSamples.check(ConfigSamples.config(block))

        #expect(result.settingsError?.code == .configInvalidValue)
        #expect(result.errorCodes == [.configInvalidValue])
    }

    @Test("a duplicated Azure parameter is a warning naming the line that wins")
    func duplicate() throws {
        let block =
            ConfigSamples.plainBlock + "\n"
            + #"    <parameter name="ext.cred.azure.vault_name" value="kv-contoso-disc-old"/>"#
        let result = ConfigSamples.check(ConfigSamples.config(block))

        let finding = try #require(result.findings(.configDuplicateParameter).first)
        #expect(finding.severity == .warning)
        #expect(
            finding.message
                == "`ext.cred.azure.vault_name` is set 2 times (lines 23, 27); the MID uses the last one, line 27"
        )
        #expect(finding.evidence("values") == "differ")
    }

    @Test("a duplicated ordinary parameter is only a note")
    func ordinaryDuplicate() throws {
        let block = ConfigSamples.encryptedBlock + "\n" + #"<parameter name="mid.log.level" value="debug"/>"#
        let result = ConfigSamples.check(ConfigSamples.config(block))

        #expect(result.findings(.configDuplicateParameter).map(\.severity) == [.note])
    }

    @Test("no config.xml: settings from the environment are checked with the flow's own plan")
    func environmentOnly() throws {
        let dependencies = ConfigCheck.Dependencies(fileReader: .inMemory([:]), processes: StaticProcessTable())
        let environment = [
            "AZURE_TENANT_ID": "<tenant_id>", "AZURE_CLIENT_ID": ConfigSamples.client,
            "AZURE_CLIENT_SECRET": ConfigSamples.secret,
        ]
        let result = ConfigCheck(dependencies: dependencies).run(configPath: nil, environment: environment)

        #expect(result.errorCodes == [.configPlaceholder])
        #expect(result.findings[0].evidence("source") == "environment AZURE_TENANT_ID")
        #expect(!result.findings.mention(ConfigSamples.secret))
    }

    @Test("a token URL of one cloud with the scope of another is config.cloud-mismatch naming both and the fix")
    func cloudMismatch() throws {
        let block =
            ConfigSamples.plainBlock + "\n"
            + #"    <parameter name="ext.cred.azure.vault_auth_endpoint" value="https://login.microsoftonline.us/%s/oauth2/v2.0/token"/>"#
        let result = ConfigSamples.check(ConfigSamples.config(block))

        let finding = try #require(result.findings(.configCloudMismatch).first)
        #expect(finding.severity == .error)
        #expect(
            finding.message
                == "The token URL, scope and vault suffix belong to different Azure clouds: token URL Azure US "
                + "Government (config.xml line 27), scope Azure public cloud (default), vault DNS suffix Azure "
                + "public cloud (derived from ext.cred.azure.endpoint_scope (default))"
        )
        #expect(
            finding.fix
                == "Use the Azure US Government Key Vault scope: set ext.cred.azure.endpoint_scope to "
                + "https://vault.usgovcloudapi.net/.default and restart the MID Server."
        )
    }

    @Test("no secret value from config.xml appears in any finding")
    func noSecretShown() {
        let block = """
                <parameter name="ext.cred.azure.tenant_id" secure="true" value="\(ConfigSamples.tenant)"/>
                <parameter name="ext.cred.azure.client_id" secure="true" value="\(ConfigSamples.client)"/>
                <parameter name="ext.cred.azure.secret_key" secure="true" value="\(ConfigSamples.secret)"/>
                <parameter name="ext.cred.azure.secret_key" secure="true" value="CANARY-older-value"/>
                <parameter name="ext.cred.azure.client_secret" secure="true" value="CANARY-third-value"/>
                <parameter name="mid.proxy.password" value="CANARY-proxy-password"/>
            """
        let status = FileStatus(permissions: 0o644, modified: ConfigSamples.now)
        let result = ConfigSamples.check(ConfigSamples.config(block), status: status)

        let leaked = result.findings.mention("CANARY")
        #expect(!leaked)
        #expect(!result.findings.isEmpty)
    }
}
