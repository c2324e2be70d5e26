import Foundation
import MidkvCore
import MidkvSupport
import MidkvTestSupport

/// config.xml texts and helpers shared by the configuration tests.
enum ConfigurationSamples {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let client = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let secretCanary = "CANARY-client-secret-7Qx~r2"
    static let proxyPasswordCanary = "CANARY-proxy-pass-91"
    static let identityHeaderCanary = "CANARY-identity-header-55"
    static let legacyEncrypted = "encrypted:rhrfUNYRzZAI8/BkTtZmNA=="
    static let v2Encrypted = "ENCv2[q3VtLmk0Rz9wYTJ1WjhrTjFzQ2VYN2hEb2ZRbVZ0U2w=]"

    /// A MID Server config.xml as found on a Windows MID that has been set up for Azure Key
    /// Vault and restarted once: the shipped placeholders, the shipped (commented-out) proxy
    /// blocks, many unrelated parameters, and the Azure block.
    static let fullConfig = """
        <?xml version="1.0" encoding="UTF-8"?>
        <parameters>
            <!-- The instance this MID Server talks to. Written by the installer. -->
            <parameter name="url" value="https://YOUR_INSTANCE.service-now.com/"/>

            <!-- Account used to sign in to the instance; its password is encrypted on start. -->
            <parameter name="mid.instance.username" value="YOUR_INSTANCE_USER_NAME_HERE"/>
            <parameter secure="true" name="mid.instance.password" value="\(legacyEncrypted)"/>

            <!-- The name shown for this MID Server on the instance. -->
            <parameter name="name" value="YOUR_MIDSERVER_NAME_GOES_HERE"/>
            <parameter name="mid_sys_id" value=""/>

            <!-- Proxy for traffic to the instance. Uncomment and fill in to use one.
            <parameter name="mid.proxy.use_proxy" value="true"/>
            <parameter name="mid.proxy.host" value="YOUR_PROXY_HOST"/>
            <parameter name="mid.proxy.port" value="YOUR_PROXY_PORT"/>
            -->

            <!-- Proxy sign-in, when the proxy asks for it.
            <parameter name="mid.proxy.username" value="YOUR_PROXY_USER_NAME"/>
            <parameter secure="true" name="mid.proxy.password" value="YOUR_PROXY_PASSWORD"/>
            -->

            <!-- Logging -->
            <parameter name="mid.log.level" value="debug"/>
            <parameter name="mid.log.max_files" value="10"/>
            <parameter name="mid.log.max_size" value="10MB"/>

            <!-- Threads and polling -->
            <parameter name="threads.max" value="25"/>
            <parameter name="threads.standard.max" value="25"/>
            <parameter name="threads.expedited.max" value="20"/>
            <parameter name="threads.interactive.max" value="10"/>
            <parameter name="mid.poll.time" value="40"/>
            <parameter name="mid.eccq.max_payload_size" value="5000000"/>
            <parameter name="mid.eccq.max_outbound_queue" value="2000"/>

            <!-- Discovery -->
            <parameter name="mid.shazzam.max_scanners_per_thread" value="800"/>
            <parameter name="mid.ssh.use_snc_ssh" value="true"/>
            <parameter name="mid.ssh.ciphers" value='aes128-ctr,aes256-ctr,aes256-gcm@openssh.com'/>
            <parameter name="mid.ssh.connection_timeout" value="60"/>
            <parameter name="mid.windows.management_protocol" value="WinRM"/>
            <parameter name="mid.powershell.use_credssp" value="false"/>
            <parameter name="mid.powershell_api.session_pool.max_size" value="8"/>
            <parameter name="mid.probe.retry_count" value="2"/>
            <parameter name="mid.discovery.snmp.timeout" value="1500"/>
            <parameter name="mid.discovery.site_label" value="Plant 4 R&amp;D &lt;west&gt;"/>
            <parameter value="C:\\ServiceNow\\agent\\work" name="mid.work.directory"></parameter>
            <parameter
                name="mid.cmdb.ire.batch_size"
                value="100"/>
            <parameter name="mid.upgrade.use_proxy" value="false"/>
            <parameter name="keypairs.mid_id" value="\(v2Encrypted)" encrypt="true"/>
            <parameter name="ext.cred.hashicorp.vault.token" secure="True" value="hvs.lab-token-placeholder"/>
            <parameter name="mid.log.level" value="info"/>

            <!-- Azure Key Vault external credential store -->
            <parameter name="ext.cred.azure.vault_name" secure="false" value="kv-contoso-disc"/>
            <parameter name="ext.cred.azure.tenant_id" secure="true" value="\(tenant)"/>
            <parameter name="ext.cred.azure.client_id" encrypt="true" value="\(client)"/>
            <parameter name="ext.cred.azure.secret_key" secure="true" value="\(v2Encrypted)"/>
            <paramter name="ext.cred.azure.vault_auth_endpoint" value="https://login.microsoftonline.us/%s/oauth2/v2.0/token"/>
            <paramter name="ext.cred.azure.endpoint_scope" value="https://vault.usgovcloudapi.net/.default"/>
        </parameters>

        """

    /// The shipped head of config.xml followed by `body` inside `<parameters>`.
    static func config(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <parameters>
            <parameter name="url" value="https://YOUR_INSTANCE.service-now.com/"/>
            <parameter name="mid.instance.username" value="YOUR_INSTANCE_USER_NAME_HERE"/>
            <parameter secure="true" name="mid.instance.password" value="\(legacyEncrypted)"/>
            <parameter name="name" value="YOUR_MIDSERVER_NAME_GOES_HERE"/>
            <parameter name="mid.log.level" value="info"/>
        \(body)
        </parameters>

        """
    }

    /// A config.xml with one line per `(name, value)` Azure parameter, all marked secure.
    static func azureConfig(_ parameters: [(String, String)]) -> String {
        config(
            parameters.map { "    <parameter name=\"\($0.0)\" secure=\"true\" value=\"\($0.1)\"/>" }.joined(
                separator: "\n"
            )
        )
    }

    /// The 1-based line of the first line of `text` containing `needle`.
    static func line(of needle: String, in text: String) -> Int {
        let lines = text.components(separatedBy: "\n")
        return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    /// Parses `text` as a config.xml at `path`.
    static func parse(_ text: String, path: String = "/opt/servicenow/mid/agent/config.xml") throws -> MIDConfigFile {
        try MIDConfigFile(parsing: Data(text.utf8), path: path)
    }

    /// Resolves settings with `text` as config.xml and the given files served in memory.
    static func settings(
        config text: String? = nil,
        flags: [String: String] = [:],
        environment: [String: String] = [:],
        files: [String: String] = [:],
        arcAgent: Settings.ArcAgentLocations = noArcAgent
    ) throws -> Settings {
        let configFile = try text.map { try parse($0) }
        let reader = ConfigurationFileReader.inMemory(files.mapValues { Data($0.utf8) })
        return try Settings.resolve(
            flags: flags,
            environment: environment,
            configFile: configFile,
            fileReader: reader,
            arcAgent: arcAgent
        )
    }

    /// Agent locations where nothing exists, so a host with the Arc agent installed runs the
    /// tests as any other.
    static let noArcAgent = Settings.ArcAgentLocations(
        himdsPath: "/nonexistent/midkv-tests/azcmagent/bin/himds",
        tokensFolder: "/nonexistent/midkv-tests/azcmagent/tokens"
    )

    /// Runs `body`, which must throw a ``MidkvError``, and returns that error.
    static func midkvError(_ body: () throws -> Void) -> MidkvError? {
        do {
            try body()
            return nil
        } catch {
            return error as? MidkvError
        }
    }

    /// Every text an error can show: message, evidence, cause, fix, detailed rendering.
    static func texts(of error: MidkvError) -> [String] {
        [error.message, error.fix, error.cause ?? "", error.detailedDescription, error.description]
            + error.evidence.map(\.description)
    }
}
