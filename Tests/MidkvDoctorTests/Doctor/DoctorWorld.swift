import Foundation
import MidkvCrypto
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport

/// The field cases' tenant on the emulator: the app registration, an app whose secret expired, the
/// VM's identity, the discovery vault with good and broken secrets, and vaults that refuse in each
/// documented way.
struct DoctorWorld {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let otherTenant = "99999999-8888-7777-6666-555555555555"
    static let client = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let appObject = "0a0a0a0a-1b1b-2c2c-3d3d-4e4e4e4e4e4e"
    static let expiredClient = "bbbbbbbb-cccc-dddd-eeee-ffffffffffff"
    static let vmClient = "cccccccc-1111-2222-3333-dddddddddddd"
    static let vmObject = "0c0c0c0c-5d5d-6e6e-7f7f-808080808080"
    static let vault = "kv-contoso-disc"
    static let vaultHost = "kv-contoso-disc.vault.azure.net"
    static let secret = "CANARY-doctor-client-secret-Xy9~4RtQ"
    static let expiredSecret = "CANARY-doctor-expired-secret-Qw3~8Zp"
    /// A freshly generated private key, as PEM text.
    static let sshKey: String = (try? TestKeys.rsa().pkcs8PEM.reveal()) ?? ""

    let seed: EmulatorSeed

    /// Creates the world; `certificatePEM` registers a certificate on the app registration.
    init(certificatePEM: String? = nil) throws {
        seed = EmulatorSeed(
            tenants: [
                EmulatorSeed.Tenant(id: Self.tenant, displayName: "Contoso"),
                EmulatorSeed.Tenant(id: Self.otherTenant, displayName: "Fabrikam"),
            ],
            applications: [
                EmulatorSeed.Application(
                    tenant: Self.tenant,
                    clientID: Self.client,
                    objectID: Self.appObject,
                    displayName: "ServiceNow MID Discovery",
                    secrets: [EmulatorSeed.ClientSecret(value: Self.secret)],
                    certificates: certificatePEM.map { [EmulatorSeed.AppCertificate(certificate: $0)] } ?? []
                ),
                EmulatorSeed.Application(
                    tenant: Self.tenant,
                    clientID: Self.expiredClient,
                    displayName: "Old MID app",
                    secrets: [
                        EmulatorSeed.ClientSecret(
                            value: Self.expiredSecret,
                            expires: Date(timeIntervalSince1970: 1_600_000_000)
                        )
                    ]
                ),
            ],
            managedIdentities: EmulatorSeed.ManagedIdentities(
                systemAssigned: EmulatorSeed.ManagedIdentity(
                    tenant: Self.tenant,
                    clientID: Self.vmClient,
                    objectID: Self.vmObject
                )
            ),
            vaults: [Self.discoveryVault] + Self.refusingVaults
        )
    }

    private static let discoveryVault = EmulatorSeed.Vault(
        name: vault,
        tenant: tenant,
        grants: [
            EmulatorSeed.Grant(principal: appObject, permissions: [.get, .list]),
            EmulatorSeed.Grant(principal: vmObject, permissions: [.get, .list]),
        ],
        secrets: [
            secret(
                "linux-root-ssh",
                #"{"type":"ssh_private_key","user":"svc-disc","ssh_private_key":"\#(escapedKey)"}"#
            ),
            secret("linux-root-pw", #"{"type":"ssh","user":"svc-disc","password":"CANARY-Pl@ceholder-1"}"#),
            secret("linux-root-plain", "CANARY-Pl@ceholder-1"),
            secret(
                "linux-root-key-flat",
                #"{"type":"ssh_private_key","user":"svc-disc","ssh_private_key":"-----BEGIN RSA PRIVATE KEY-----"#
                    + #"MIIEpAIBAAKCAQEAplaceholderbase64body-----END RSA PRIVATE KEY-----"}"#
            ),
            secret(
                "linux-root-key-truncated",
                #"{"type":"ssh_private_key","user":"svc-disc","ssh_private_key":"-----BEGIN RSA PRIVATE KEY-----"}"#
            ),
            secret(
                "linux-root-key-openssh",
                #"{"type":"ssh_private_key","user":"svc-disc","ssh_private_key":"-----BEGIN OPENSSH PRIVATE KEY-----\n"#
                    + #"b3BlbnNzaC1rZXktdjEplaceholder\n-----END OPENSSH PRIVATE KEY-----\n"}"#
            ),
            secret("linux-root-username", #"{"type":"ssh_password","username":"svc-disc","password":"CANARY-pw"}"#),
            EmulatorSeed.Secret(
                name: "linux-root-disabled",
                versions: [
                    EmulatorSeed.SecretVersion(
                        value: #"{"type":"ssh","user":"a","password":"CANARY-x"}"#,
                        enabled: false
                    )
                ]
            ),
            EmulatorSeed.Secret(
                name: "linux-root-expired",
                versions: [
                    EmulatorSeed.SecretVersion(
                        value: #"{"type":"ssh","user":"old","password":"CANARY-old"}"#,
                        expires: Date(timeIntervalSince1970: 1_600_000_000)
                    )
                ]
            ),
        ]
    )

    private static var escapedKey: String {
        sshKey.replacingOccurrences(of: "\n", with: "\\n")
    }

    private static let refusingVaults: [EmulatorSeed.Vault] = {
        let stored = secret("linux-root-ssh", #"{"type":"ssh","user":"a","password":"CANARY-y"}"#)
        let grant = EmulatorSeed.Grant(principal: appObject, permissions: [.get])
        return [
            EmulatorSeed.Vault(name: "kv-no-role", tenant: tenant, secrets: [stored]),
            EmulatorSeed.Vault(name: "kv-policy", tenant: tenant, authorization: .accessPolicy, secrets: [stored]),
            EmulatorSeed.Vault(
                name: "kv-firewalled",
                tenant: tenant,
                firewall: EmulatorSeed.Firewall(defaultAction: .deny, allowedAddresses: ["198.51.100.0/24"]),
                grants: [grant],
                secrets: [stored]
            ),
            EmulatorSeed.Vault(name: "kv-fabrikam", tenant: otherTenant, grants: [grant], secrets: [stored]),
        ]
    }()

    private static func secret(_ name: String, _ value: String) -> EmulatorSeed.Secret {
        EmulatorSeed.Secret(name: name, versions: [EmulatorSeed.SecretVersion(value: value)])
    }

    // MARK: - config.xml

    /// A datacenter MID's config.xml: client secret, `vault_name` unless `nil`; `extra` lines added.
    static func clientSecretConfig(
        vaultName: String? = vault,
        tenant: String = tenant,
        client: String = client,
        secret: String = secret,
        extra: String = ""
    ) -> String {
        let vaultLine = vaultName.map {
            "\n    <parameter name=\"ext.cred.azure.vault_name\" secure=\"false\" value=\"\($0)\"/>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <parameters>
                <parameter name="url" value="https://contoso.service-now.com/"/>
                <parameter name="mid.instance.username" value="mid.discovery"/>
                <parameter name="mid.instance.password" secure="true" value="encrypted:rhrfUNYRzZAI8/BkTtZmNA=="/>
                <parameter name="name" value="mid-dc-ams-01"/>
                <parameter name="mid.log.level" value="info"/>
                <parameter name="ext.cred.azure.tenant_id" secure="true" value="\(tenant)"/>
                <parameter name="ext.cred.azure.client_id" secure="true" value="\(client)"/>
                <parameter name="ext.cred.azure.secret_key" secure="true" value="\(secret)"/>\(vaultLine ?? "")
            \(extra)
            </parameters>

            """
    }

    /// A branch-office MID's config.xml: certificate sign-in with the PEM at `path`, no secret.
    static func certificateConfig(path: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <parameters>
            <parameter name="name" value="mid-branch-lyon-01"/>
            <parameter name="ext.cred.azure.tenant_id" secure="true" value="\(tenant)"/>
            <parameter name="ext.cred.azure.client_id" secure="true" value="\(client)"/>
            <parameter name="ext.cred.azure.vault_name" secure="false" value="\(vault)"/>
            <parameter name="ext.cred.azure.midkv.client_certificate_path" value="\(path)"/>
        </parameters>

        """
    }

    /// An Azure VM MID's config.xml: managed identity, no `vault_name`.
    static func managedIdentityConfig(extra: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <parameters>
            <parameter name="url" value="https://contoso.service-now.com/"/>
            <parameter name="name" value="mid-azure-weu-01"/>
        \(extra)
        </parameters>

        """
    }
}
