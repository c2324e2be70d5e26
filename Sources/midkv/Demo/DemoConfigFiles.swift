/// The `agent/config.xml` files of the demo's MID Servers, written as a MID admin would have
/// them: the shipped placeholders, many unrelated parameters, comments, and the
/// `ext.cred.azure.*` block.
enum DemoConfigFiles {
    /// A MID in a datacenter: client-secret authentication, `vault_name` set.
    static func datacenter(clientSecret: String) -> String {
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
            <parameter name="mid.proxy.host" value="proxy.contoso.local"/>
            <parameter name="mid.proxy.port" value="3128"/>
            -->

            <parameter name="mid.log.level" value="info"/>
            <parameter name="threads.max" value="25"/>

            <!-- Azure Key Vault external credential store -->
            <parameter name="ext.cred.azure.tenant_id" secure="true" value="\(DemoWorld.tenantID)"/>
            <parameter name="ext.cred.azure.client_id" secure="true" value="\(DemoWorld.clientID)"/>
            <parameter name="ext.cred.azure.secret_key" secure="true" value="\(clientSecret)"/>
            <parameter name="ext.cred.azure.vault_name" secure="false" value="\(DemoWorld.vaultName)"/>
        </parameters>

        """
    }

    /// A MID on an Azure VM: managed identity, no `vault_name` (Credential IDs name the vault).
    static let azureVM = """
        <?xml version="1.0" encoding="UTF-8"?>
        <parameters>
            <parameter name="url" value="https://contoso.service-now.com/"/>
            <parameter name="mid.instance.username" value="mid.discovery"/>
            <parameter name="mid.instance.password" secure="true" value="ENCv2[bWlka3YtZGVtby1lbmNyeXB0ZWQ=]"/>
            <parameter name="name" value="mid-azure-weu-01"/>

            <!-- Managed identity: the VM's system-assigned identity reads the vault. -->
        </parameters>

        """

    /// A MID in a branch office that signs in with the app's certificate: no secret on disk.
    /// The certificate path is midkv's own parameter; the MID Server ignores it.
    static func certificate(path: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <parameters>
            <parameter name="url" value="https://contoso.service-now.com/"/>
            <parameter name="mid.instance.username" value="mid.discovery"/>
            <parameter name="mid.instance.password" secure="true" value="encrypted:9kQ2hB1pT0vWm3nXy7LrAg=="/>
            <parameter name="name" value="mid-branch-lyon-01"/>

            <!-- Azure Key Vault: certificate sign-in, no client secret -->
            <parameter name="ext.cred.azure.tenant_id" secure="true" value="\(DemoWorld.tenantID)"/>
            <parameter name="ext.cred.azure.client_id" secure="true" value="\(DemoWorld.clientID)"/>
            <parameter name="ext.cred.azure.vault_name" secure="false" value="\(DemoWorld.vaultName)"/>
            <!-- midkv's own parameter: the PEM with the app registration's certificate and key -->
            <parameter name="ext.cred.azure.midkv.client_certificate_path" value="\(path)"/>
        </parameters>

        """
    }

    /// A MID in a Kubernetes pod: the workload identity webhook supplies client, tenant and
    /// token file through the environment.
    static let kubernetes = """
        <?xml version="1.0" encoding="UTF-8"?>
        <parameters>
            <parameter name="url" value="https://contoso.service-now.com/"/>
            <parameter name="mid.instance.username" value="mid.discovery"/>
            <parameter name="mid.instance.password" secure="true" value="ENCv2[a3ViZS1taWQtZGVtbw==]"/>
            <parameter name="name" value="mid-aks-weu-01"/>
            <parameter name="ext.cred.azure.vault_name" secure="false" value="\(DemoWorld.vaultName)"/>
        </parameters>

        """
}
