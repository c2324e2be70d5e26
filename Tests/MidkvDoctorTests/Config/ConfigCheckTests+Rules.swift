import Foundation
import MidkvCore
import MidkvDoctor
import Testing

extension ConfigCheckTests {
    // MARK: - Names

    @Test("a <paramter> element hiding a needed value is an error naming the lost parameter")
    func misspelledElement() throws {
        let block =
            ConfigSamples.encryptedBlock + "\n"
            + #"    <paramter name="ext.cred.azure.endpoint_scope" value="https://vault.azure.net/.default"/>"#
        let result = ConfigSamples.check(ConfigSamples.config(block))

        let finding = try #require(result.findings(.configUnknownElement).first)
        #expect(finding.severity == .error)
        #expect(
            finding.message
                == "<paramter> for `ext.cred.azure.endpoint_scope` on line 27 is not a <parameter> element; the MID "
                + "ignores it, so ext.cred.azure.endpoint_scope is not set"
        )
        #expect(finding.cause?.hasPrefix("`paramter` is a misspelling of `parameter`") == true)
    }

    @Test("an unknown element naming nothing the MID needs is only a warning")
    func strayElement() throws {
        let block = ConfigSamples.encryptedBlock + "\n" + #"    <comment text="moved to new host"/>"#
        let result = ConfigSamples.check(ConfigSamples.config(block))

        #expect(result.findings(.configUnknownElement).map(\.severity) == [.warning])
    }

    @Test("an unknown element repeated many times is one finding that counts it, not one per copy")
    func repeatedElement() throws {
        let copies = Array(repeating: #"    <comment text="moved to new host"/>"#, count: 5)
        let block = ConfigSamples.encryptedBlock + "\n" + copies.joined(separator: "\n")
        let result = ConfigSamples.check(ConfigSamples.config(block))

        let findings = result.findings(.configUnknownElement)
        #expect(findings.count == 1)
        #expect(
            findings.first?.message
                == "<comment> on lines 27, 28, 29 and 2 more is not a <parameter> element; the MID ignores it"
        )
        #expect(findings.first?.evidence("occurrences") == "5")
    }

    @Test("a misspelled name next to the valid one is a warning: the valid one is what the MID reads")
    func leftoverName() throws {
        let block =
            ConfigSamples.encryptedBlock + "\n"
            + #"    <parameter name="ext.cred.azure.vault.name" value="kv-contoso-disc"/>"#
        let result = ConfigSamples.check(ConfigSamples.config(block))

        let finding = try #require(result.findings(.configUnknownParameter).first)
        #expect(finding.severity == .warning)
        #expect(finding.evidence("ext.cred.azure.vault_name set") == "yes, config.xml line 23")
        #expect(finding.fix == "Remove line 27; `ext.cred.azure.vault_name` on line 23 is the one the MID reads.")
    }

    @Test("a needed parameter only inside a comment is config.commented-out at error level")
    func commentedSecret() throws {
        let block = """
                <parameter name="ext.cred.azure.tenant_id" secure="true" value="\(ConfigSamples.tenant)"/>
                <parameter name="ext.cred.azure.client_id" secure="true" value="\(ConfigSamples.client)"/>
                <!-- <parameter name="ext.cred.azure.secret_key" secure="true" value="\(ConfigSamples.secret)"/> -->
            """
        let result = ConfigSamples.check(ConfigSamples.config(block))

        let commented = result.findings(.configCommentedOut).filter { $0.severity == .error }
        #expect(commented.map { $0.evidence("parameter") } == ["ext.cred.azure.secret_key"])
        #expect(commented.first?.evidence("line") == "25")
        let missing = try #require(result.findings(.configMissingParameter).first)
        #expect(missing.evidence("commented out") == "line 25")
        #expect(!result.findings.mention(ConfigSamples.secret))
    }

    @Test("proxy turned on with its host left in the comment is an error")
    func halfUncommentedProxy() throws {
        let block = ConfigSamples.encryptedBlock + "\n" + #"    <parameter name="mid.proxy.use_proxy" value="true"/>"#
        let result = ConfigSamples.check(ConfigSamples.config(block))

        let finding = try #require(result.findings(.configCommentedOut).first)
        #expect(finding.severity == .error)
        #expect(finding.evidence("parameter") == "mid.proxy.host")
        #expect(result.settingsError?.code == .configMissingParameter)
    }

    @Test("tenant and client without a secret is a note: certificate or managed identity sign-in")
    func noSecret() throws {
        let block = """
                <parameter name="ext.cred.azure.tenant_id" secure="true" value="\(ConfigSamples.tenant)"/>
                <parameter name="ext.cred.azure.client_id" secure="true" value="\(ConfigSamples.client)"/>
            """
        let result = ConfigSamples.check(ConfigSamples.config(block))

        #expect(result.errorCodes.isEmpty)
        let note = try #require(result.findings(.configMissingParameter).first)
        #expect(note.severity == .note)
        #expect(result.plan?.mode == .imdsManagedIdentity)
    }

    // MARK: - Values

    @Test(
        "template values are config.placeholder errors, shown unless secret",
        arguments: [
            ("ext.cred.azure.tenant_id", "&lt;tenant_id&gt;", "<tenant_id>"),
            ("ext.cred.azure.client_id", "YOUR_CLIENT_ID", "YOUR_CLIENT_ID"),
            (
                "ext.cred.azure.vault_name", "&lt;secret_name&gt;:&lt;azure_key_vault_name&gt;",
                "<secret_name>:<azure_key_vault_name>"
            ),
            ("ext.cred.azure.secret_key", "{client_secret}", "template value, 15 characters"),
            ("ext.cred.azure.tenant_id", "", "(empty)"),
        ]
    )
    func placeholder(_ name: String, _ xmlValue: String, _ shown: String) throws {
        let secure = name == "ext.cred.azure.vault_name" ? "false" : "true"
        let block =
            ConfigSamples.plainBlock.split(separator: "\n").filter { !$0.contains(name) }
            .joined(separator: "\n") + "\n    <parameter name=\"\(name)\" secure=\"\(secure)\" value=\"\(xmlValue)\"/>"
        let result = ConfigSamples.check(ConfigSamples.config(block))

        let finding = try #require(result.findings(.configPlaceholder).first)
        #expect(finding.severity == .error)
        #expect(finding.evidence("parameter") == name)
        #expect(finding.evidence("value") == shown)
    }

    @Test("a tenant with white space around it is config.invalid-guid saying so")
    func spacedTenant() throws {
        let block = ConfigSamples.plainBlock.replacingOccurrences(
            of: "value=\"\(ConfigSamples.tenant)\"",
            with: "value=\" \(ConfigSamples.tenant)\""
        )
        let result = ConfigSamples.check(ConfigSamples.config(block))

        let finding = try #require(result.findings(.configInvalidGUID).first)
        #expect(finding.message == "`ext.cred.azure.tenant_id` is neither a GUID nor a domain name")
        #expect(finding.cause == "The value has white space around it.")
        #expect(result.findings(.configInvalidGUID).count == 1)
    }

    @Test("a tenant domain is accepted")
    func tenantDomain() {
        let block = ConfigSamples.plainBlock.replacingOccurrences(
            of: ConfigSamples.tenant,
            with: "contoso.onmicrosoft.com"
        )
        let result = ConfigSamples.check(ConfigSamples.config(block))

        #expect(result.findings(.configInvalidGUID).isEmpty)
        #expect(result.plan?.mode == .clientSecret)
    }

    // MARK: - Exposure

    @Test("plain secrets in a file the group or others can read is a warning with the chmod fix")
    func exposedSecret() throws {
        let status = FileStatus(permissions: 0o644, modified: ConfigSamples.now.addingTimeInterval(-60))
        let result = ConfigSamples.check(ConfigSamples.config(ConfigSamples.plainBlock), status: status)

        let finding = try #require(result.findings(.configExposedSecret).first)
        #expect(finding.severity == .warning)
        #expect(
            finding.message
                == "config.xml holds secrets in plain text and is readable by group and others (mode 0644)"
        )
        #expect(finding.evidence("plain-text secrets") == "ext.cred.azure.secret_key (line 26)")
        #expect(finding.fix?.hasPrefix("Run `chmod 600 \(ConfigSamples.path)`") == true)
    }

    @Test("encrypted secrets in a readable file, or plain ones in a private file, are not exposed")
    func notExposed() {
        let readable = FileStatus(permissions: 0o644, modified: ConfigSamples.now)
        let encrypted = ConfigSamples.check(ConfigSamples.config(ConfigSamples.encryptedBlock), status: readable)
        let plain = ConfigSamples.check(ConfigSamples.config(ConfigSamples.plainBlock))

        #expect(encrypted.findings(.configExposedSecret).isEmpty)
        #expect(plain.findings(.configExposedSecret).isEmpty)
    }

    // MARK: - Loading

    @Test("a MID running from the agent folder while secure values are plain has not loaded the file")
    func runningMIDWithPlainValues() throws {
        let started = ConfigSamples.now.addingTimeInterval(-7_200)
        let result = ConfigSamples.check(
            ConfigSamples.config(ConfigSamples.plainBlock),
            processes: [ConfigSamples.midProcess(started: started)]
        )

        let finding = try #require(result.findings(.configNotLoaded).first)
        #expect(finding.severity == .error)
        #expect(finding.evidence("running MID")?.hasPrefix("process 4242, started ") == true)
        #expect(finding.message.contains("a MID runs from this folder, yet secure values are still in plain text"))
        #expect(finding.message.contains("the file changed after the MID process started"))
    }

    @Test(
        "an encrypted file changed long after the MID started is a warning; just after start it is the MID's own write"
    )
    func changedAfterStart() throws {
        let started = ConfigSamples.now.addingTimeInterval(-7_200)
        let mid = [ConfigSamples.midProcess(started: started)]
        let late = FileStatus(permissions: 0o600, modified: started.addingTimeInterval(3_000))
        let early = FileStatus(permissions: 0o600, modified: started.addingTimeInterval(20))

        let edited = ConfigSamples.check(
            ConfigSamples.config(ConfigSamples.encryptedBlock),
            status: late,
            processes: mid
        )
        let rewritten = ConfigSamples.check(
            ConfigSamples.config(ConfigSamples.encryptedBlock),
            status: early,
            processes: mid
        )

        #expect(edited.findings(.configNotLoaded).map(\.severity) == [.warning])
        #expect(rewritten.findings(.configNotLoaded).isEmpty)
    }

    @Test("plain secure values with nothing else known is a warning")
    func plainOnly() throws {
        let result = ConfigSamples.check(ConfigSamples.config(ConfigSamples.plainBlock))

        let finding = try #require(result.findings(.configNotLoaded).first)
        #expect(finding.severity == .warning)
        #expect(
            finding.evidence("secure values in plain text")
                == "ext.cred.azure.tenant_id (line 24), ext.cred.azure.client_id (line 25), "
                + "ext.cred.azure.secret_key (line 26)"
        )
    }

    @Test("a Java process of another MID folder is not this MID")
    func otherMID() {
        var other = ConfigSamples.midProcess(started: ConfigSamples.now.addingTimeInterval(-100))
        other.workingDirectory = "/opt/servicenow/mid-dc-ams-02/agent"
        other.commandLine = ["/usr/bin/java", "-jar", "/opt/servicenow/mid-dc-ams-02/agent/lib/mid.jar"]
        let result = ConfigSamples.check(ConfigSamples.config(ConfigSamples.encryptedBlock), processes: [other])

        #expect(result.findings(.configNotLoaded).isEmpty)
    }
}
