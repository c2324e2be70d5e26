import Foundation
import MidkvCore
import MidkvDoctor

/// config.xml texts as MID admins have them, and a config check wired to fixed file modes,
/// processes and clock.
enum ConfigSamples {
    static let path = "/opt/servicenow/mid-dc-ams-01/agent/config.xml"
    static let agentFolder = "/opt/servicenow/mid-dc-ams-01/agent"
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let client = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let secret = "CANARY-Xy9~client-secret-4RtQ8vW2zL"
    static let secretID = "9f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b"
    static let vault = "kv-contoso-disc"
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let privateFile = FileStatus(permissions: 0o600, modified: now.addingTimeInterval(-3_600))

    /// The parts every MID's file has, with `azure` inside `<parameters>` after them.
    static func config(_ azure: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <parameters>
            <!-- Instance connection -->
            <parameter name="url" value="https://contoso.service-now.com/"/>
            <parameter name="mid.instance.username" value="mid.discovery"/>
            <parameter name="mid.instance.password" secure="true" value="encrypted:rhrfUNYRzZAI8/BkTtZmNA=="/>
            <parameter name="name" value="mid-dc-ams-01"/>
            <parameter name="mid_sys_id" value=""/>

            <!-- Proxy, shipped commented out:
            <parameter name="mid.proxy.use_proxy" value="true"/>
            <parameter name="mid.proxy.host" value="YOUR_PROXY_HOST"/>
            <parameter name="mid.proxy.port" value="YOUR_PROXY_PORT"/>
            -->

            <parameter name="mid.log.level" value="info"/>
            <parameter name="threads.max" value="25"/>
            <parameter name="mid.upgrade.use_proxy" value="false"/>
            <parameter name="glide.mid.autoupgrade.proxy_host" value=""/>
            <parameter name="ext.cred.hashicorp.vault.address" value="https://vault.contoso.local:8200"/>

            <!-- Azure Key Vault external credential store -->
        \(azure)
        </parameters>

        """
    }

    /// The Azure block of a MID the MID has loaded and encrypted.
    static let encryptedBlock = """
            <parameter name="ext.cred.azure.vault_name" secure="false" value="\(vault)"/>
            <parameter name="ext.cred.azure.tenant_id" secure="true" value="ENCv2[q3VtLmk0Rz9wYTJ1WjhrTjFzQ2U=]"/>
            <parameter name="ext.cred.azure.client_id" secure="true" value="ENCv2[N1NlbWs0Rz9wYTJ1WjhrTjFzQ2U=]"/>
            <parameter name="ext.cred.azure.secret_key" secure="true" value="ENCv2[bWlka3YtZGVtby1lbmNyeXB0ZWQ=]"/>
        """

    /// The Azure block as an admin writes it before restarting the MID.
    static let plainBlock = """
            <parameter name="ext.cred.azure.vault_name" secure="false" value="\(vault)"/>
            <parameter name="ext.cred.azure.tenant_id" secure="true" value="\(tenant)"/>
            <parameter name="ext.cred.azure.client_id" secure="true" value="\(client)"/>
            <parameter name="ext.cred.azure.secret_key" secure="true" value="\(secret)"/>
        """

    /// Runs the config check over `xml` at ``path``.
    static func check(
        _ xml: String,
        status: FileStatus? = privateFile,
        processes: [RunningProcess] = [],
        runtime: MIDRuntimeFacts? = nil,
        flags: [String: String] = [:],
        environment: [String: String] = [:]
    ) -> ConfigCheckResult {
        let dependencies = ConfigCheck.Dependencies(
            fileReader: .inMemory([path: Data(xml.utf8)]),
            files: .fixed(status),
            processes: StaticProcessTable(processes),
            now: { now }
        )
        return ConfigCheck(dependencies: dependencies).run(
            configPath: path,
            flags: flags,
            environment: environment,
            runtime: runtime
        )
    }

    /// A MID's Java process running from ``agentFolder``.
    static func midProcess(started: Date) -> RunningProcess {
        RunningProcess(
            pid: 4_242,
            commandLine: [
                "/opt/servicenow/mid-dc-ams-01/agent/jre/bin/java", "-Xmx1024m", "-classpath",
                "\(agentFolder)/lib/mid.jar", "com.service_now.mid.MIDServer",
            ],
            workingDirectory: agentFolder,
            started: started
        )
    }
}

extension ConfigCheckResult {
    /// The findings with `code`.
    func findings(_ code: ErrorCode) -> [Finding] {
        findings.filter { $0.code == code }
    }

    /// The codes of the errors, in order.
    var errorCodes: [ErrorCode] {
        findings.filter { $0.severity == .error }.map(\.code)
    }
}
