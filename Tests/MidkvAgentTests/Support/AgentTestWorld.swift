import Foundation
import MidkvEmulator

/// The tenant the agent tests resolve from: one app with a client secret, a vault of fifty
/// SSH password credentials plus an SNMPv3 and a Windows one, and a second vault whose
/// `cred-00` names another user.
///
/// Every secret value carries `CANARY`, so tests can prove none reaches a log or an error.
enum AgentTestWorld {
    static let tenantID = "11111111-2222-3333-4444-555555555555"
    static let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let appObjectID = "0a0a0a0a-1b1b-2c2c-3d3d-4e4e4e4e4e4e"
    static let adminObjectID = "0d0d0d0d-1111-2222-3333-444444444444"
    static let vaultName = "kv-agent-test"
    static let alternateVaultName = "kv-agent-alt"
    static let clientSecret = "CANARY-client-secret-7f3a"
    static let credentialCount = 50

    /// The name of the `index`th SSH password credential: `cred-00` … `cred-49`.
    static func credentialName(_ index: Int) -> String {
        "cred-\(index < 10 ? "0" : "")\(index)"
    }

    /// The user name `cred-NN` holds in the main vault.
    static func user(_ index: Int) -> String {
        "svc-\(index)"
    }

    /// The password `cred-NN` holds in the main vault.
    static func password(_ index: Int) -> String {
        "CANARY-pw-\(index)-e81c"
    }

    /// The seed: the app, both vaults, and an administrator allowed to change secrets.
    static func seed() -> EmulatorSeed {
        let main = (0..<credentialCount).map { index in
            secret(
                credentialName(index),
                #"{"type":"ssh_password","user":"\#(user(index))","password":"\#(password(index))"}"#
            )
        }
        let others = [
            secret(
                "snmp-core",
                #"{"type":"snmpv3","user":"netmon","authentication_protocol":"SHA","#
                    + #""authentication_key":"CANARY-auth","privacy_protocol":"AES128","privacy_key":"CANARY-priv"}"#
            ),
            secret("win-admin", #"{"type":"windows","user":"svc-win","password":"CANARY-win","domain":"CONTOSO"}"#),
        ]
        let grants = [
            EmulatorSeed.Grant(principal: appObjectID, permissions: [.get]),
            EmulatorSeed.Grant(principal: adminObjectID, permissions: [.get, .set, .delete]),
        ]
        return EmulatorSeed(
            tenants: [EmulatorSeed.Tenant(id: tenantID, displayName: "Contoso")],
            applications: [
                EmulatorSeed.Application(
                    tenant: tenantID,
                    clientID: clientID,
                    objectID: appObjectID,
                    secrets: [EmulatorSeed.ClientSecret(value: clientSecret)]
                )
            ],
            vaults: [
                EmulatorSeed.Vault(name: vaultName, tenant: tenantID, grants: grants, secrets: main + others),
                EmulatorSeed.Vault(
                    name: alternateVaultName,
                    tenant: tenantID,
                    grants: grants,
                    secrets: [secret("cred-00", #"{"type":"ssh_password","user":"alt-user","password":"CANARY-alt"}"#)]
                ),
            ]
        )
    }

    /// A MID's config.xml using the app's client secret and `vault_name`.
    static func configXML(vaultName: String = vaultName, clientSecret: String = clientSecret) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <parameters>
            <parameter name="url" value="https://contoso.service-now.com/"/>
            <parameter name="name" value="mid-test-01"/>
            <parameter name="ext.cred.azure.tenant_id" value="\(tenantID)"/>
            <parameter name="ext.cred.azure.client_id" value="\(clientID)"/>
            <parameter name="ext.cred.azure.secret_key" secure="true" value="\(clientSecret)"/>
            <parameter name="ext.cred.azure.vault_name" value="\(vaultName)"/>
        </parameters>

        """
    }

    private static func secret(_ name: String, _ json: String) -> EmulatorSeed.Secret {
        EmulatorSeed.Secret(name: name, versions: [EmulatorSeed.SecretVersion(value: json)])
    }
}
