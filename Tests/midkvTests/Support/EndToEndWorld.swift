import Foundation
import MidkvEmulator

@testable import midkv

/// The demo's tenant plus the faults the field sees: vaults that refuse in each documented way,
/// secrets that are disabled or malformed, a second tenant, an App Service identity.
struct EndToEndWorld {
    static let otherTenantID = "99999999-8888-7777-6666-555555555555"
    static let appServiceHeader = "CANARY-identity-header-5c1d"
    static let appServiceClientID = "eeeeeeee-1111-2222-3333-444444444444"
    static let appServiceObjectID = "0e0e0e0e-1111-2222-3333-444444444444"

    let demo: DemoWorld
    let seed: EmulatorSeed

    init() throws {
        demo = try DemoWorld.make()
        var seed = try demo.seed()
        seed.tenants.append(EmulatorSeed.Tenant(id: Self.otherTenantID, displayName: "Fabrikam"))
        seed.appService = EmulatorSeed.AppService(
            identityHeader: Self.appServiceHeader,
            identities: EmulatorSeed.ManagedIdentities(
                systemAssigned: EmulatorSeed.ManagedIdentity(
                    tenant: DemoWorld.tenantID,
                    clientID: Self.appServiceClientID,
                    objectID: Self.appServiceObjectID
                )
            )
        )
        seed.vaults[0].grants.append(EmulatorSeed.Grant(principal: Self.appServiceObjectID, permissions: [.get]))
        seed.vaults[0].secrets += Self.faultySecrets
        seed.vaults += Self.refusingVaults
        self.seed = seed
    }

    /// Secrets in the main vault that a MID cannot use.
    static let faultySecrets: [EmulatorSeed.Secret] = [
        EmulatorSeed.Secret(
            name: "disabled-secret",
            versions: [
                EmulatorSeed.SecretVersion(value: #"{"type":"ssh","user":"a","password":"CANARY-x"}"#, enabled: false)
            ]
        ),
        EmulatorSeed.Secret(
            name: "plain-password",
            versions: [EmulatorSeed.SecretVersion(value: "CANARY-Pl@ceholder-1")]
        ),
        EmulatorSeed.Secret(
            name: "username-key",
            versions: [
                EmulatorSeed.SecretVersion(
                    value: #"{"type":"ssh_password","username":"svc-disc","password":"CANARY-pw"}"#
                )
            ]
        ),
        EmulatorSeed.Secret(
            name: "expired-secret",
            versions: [
                EmulatorSeed.SecretVersion(
                    value: #"{"type":"basic_auth","user":"old","password":"CANARY-old"}"#,
                    expires: Date(timeIntervalSince1970: 1_600_000_000)
                )
            ]
        ),
    ]

    /// Vaults that refuse the demo's principals: no role, no access policy, firewall, other tenant.
    static let refusingVaults: [EmulatorSeed.Vault] = {
        let secret = EmulatorSeed.Secret(
            name: "linux-root-pw",
            versions: [EmulatorSeed.SecretVersion(value: #"{"type":"ssh","user":"a","password":"CANARY-y"}"#)]
        )
        let grant = EmulatorSeed.Grant(principal: DemoWorld.appObjectID, permissions: [.get])
        return [
            EmulatorSeed.Vault(name: "kv-no-role", tenant: DemoWorld.tenantID, secrets: [secret]),
            EmulatorSeed.Vault(
                name: "kv-policy",
                tenant: DemoWorld.tenantID,
                authorization: .accessPolicy,
                secrets: [secret]
            ),
            EmulatorSeed.Vault(
                name: "kv-firewalled",
                tenant: DemoWorld.tenantID,
                firewall: EmulatorSeed.Firewall(defaultAction: .deny, allowedAddresses: ["203.0.113.0/24"]),
                grants: [grant],
                secrets: [secret]
            ),
            EmulatorSeed.Vault(name: "kv-fabrikam", tenant: otherTenantID, grants: [grant], secrets: [secret]),
        ]
    }()

    /// config.xml of a MID using the app's client secret, with `vault_name` when given.
    func clientSecretConfig(vaultName: String? = DemoWorld.vaultName) -> String {
        var xml = DemoConfigFiles.datacenter(clientSecret: demo.clientSecret)
        if vaultName == nil {
            xml = xml.split(separator: "\n").filter { !$0.contains("vault_name") }.joined(separator: "\n")
        }
        return xml
    }
}
