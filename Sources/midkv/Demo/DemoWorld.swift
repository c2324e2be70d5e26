import Foundation
import MidkvCrypto
import MidkvEmulator
import MidkvSupport

/// The invented Azure tenant the demo and `midkv emulator` serve: one app registration with a
/// client secret, a certificate and a federated credential for a Kubernetes service account, a
/// VM with a system-assigned identity, and one vault holding a credential of each common type.
///
/// Every secret value carries the marker ``canaryMarker``, so tests can prove no value ever
/// reaches output or logs.
struct DemoWorld: Sendable {
    /// A marker inside every secret value of the demo.
    static let canaryMarker = "CANARY"

    static let tenantID = "11111111-2222-3333-4444-555555555555"
    static let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let appObjectID = "0a0a0a0a-1b1b-2c2c-3d3d-4e4e4e4e4e4e"
    static let vmClientID = "cccccccc-1111-2222-3333-dddddddddddd"
    static let vmObjectID = "0c0c0c0c-5d5d-6e6e-7f7f-808080808080"
    static let vaultName = "kv-contoso-disc"
    /// The OIDC issuer of the AKS cluster a MID Server pod runs in.
    static let clusterIssuer = "https://oidc.prod-aks.azure.com/6f3c1e2a-9b8d-4c7e-a1f0-2d5b8e9c4a13/"
    /// The pod's service account, as the federated credential names it.
    static let serviceAccount = "system:serviceaccount:servicenow:mid-server"

    /// One credential the demo resolves.
    struct Credential: Sendable {
        /// The Key Vault secret name.
        var secretName: String
        /// The credential type the MID asks for.
        var type: String
        /// The secret's JSON value.
        var json: [String: String]
    }

    /// The app registration's client secret.
    let clientSecret: String
    /// The key of the app registration's certificate.
    let certificateKey: SigningKey
    /// The app registration's certificate, PEM.
    let certificatePEM: String
    /// The credentials in the vault, in the order the demo resolves them.
    let credentials: [Credential]

    /// A world with fresh secret values; its SSH and certificate keys are made once per process.
    static func make() throws -> DemoWorld {
        let tag = SecureRandom.hex(4)
        let key = try ProcessKeys.rsa2048("demo SSH key").pkcs8PEM.reveal()
        func secret(_ name: String) -> String {
            "\(canaryMarker)-\(name)-\(tag)"
        }

        let credentials: [Credential] = [
            Credential(
                secretName: "linux-root-pw",
                type: "ssh_password",
                json: ["type": "ssh", "user": "svc-disc", "password": secret("ssh-pw")]
            ),
            Credential(
                secretName: "linux-root-key",
                type: "ssh_private_key",
                json: [
                    "type": "ssh_private_key", "user": "svc-disc", "ssh_private_key": key,
                    "ssh_passphrase": secret("passphrase"),
                ]
            ),
            Credential(
                secretName: "win-domain-admin",
                type: "windows",
                json: ["type": "windows", "user": "svc-disc", "password": secret("win-pw"), "domain": "CONTOSO"]
            ),
            Credential(
                secretName: "core-switch-snmpv3",
                type: "snmpv3",
                json: [
                    "type": "snmpv3", "user": "netmon", "authentication_protocol": "SHA",
                    "authentication_key": secret("auth-key"), "privacy_protocol": "AES128",
                    "privacy_key": secret("priv-key"),
                ]
            ),
            Credential(
                secretName: "vcenter-readonly",
                type: "vmware",
                json: ["type": "vmware", "user": "discovery@vsphere.local", "password": secret("vcenter-pw")]
            ),
            Credential(
                secretName: "aws-discovery",
                type: "aws",
                json: ["type": "aws", "access_key": "AKIAEXAMPLEDISCOVERY", "secret_key": secret("aws-secret")]
            ),
            Credential(
                secretName: "oracle-erp-jdbc",
                type: "jdbc",
                json: ["type": "jdbc", "user": "disco_ro", "password": secret("jdbc-pw")]
            ),
            Credential(
                secretName: "itsm-api-basic",
                type: "basic_auth",
                json: ["type": "basic_auth", "user": "integration", "password": secret("basic-pw")]
            ),
        ]
        let certificateKey = try ProcessKeys.rsa2048("demo certificate key")
        return DemoWorld(
            clientSecret: secret("client-secret"),
            certificateKey: certificateKey,
            certificatePEM: try certificateKey.selfSignedCertificatePEM(commonName: "ServiceNow MID Discovery"),
            credentials: credentials
        )
    }

    /// The emulator seed for this world.
    func seed() throws -> EmulatorSeed {
        let app = EmulatorSeed.Application(
            tenant: Self.tenantID,
            clientID: Self.clientID,
            objectID: Self.appObjectID,
            displayName: "ServiceNow MID Discovery",
            secrets: [EmulatorSeed.ClientSecret(value: clientSecret)],
            certificates: [EmulatorSeed.AppCertificate(certificate: certificatePEM)],
            federatedCredentials: [
                EmulatorSeed.FederatedCredential(issuer: Self.clusterIssuer, subject: Self.serviceAccount)
            ]
        )
        let vm = EmulatorSeed.ManagedIdentity(
            tenant: Self.tenantID,
            clientID: Self.vmClientID,
            objectID: Self.vmObjectID
        )
        let secrets = try credentials.map { credential in
            EmulatorSeed.Secret(
                name: credential.secretName,
                versions: [
                    EmulatorSeed.SecretVersion(value: try Self.json(credential.json), contentType: "application/json")
                ]
            )
        }
        let vault = EmulatorSeed.Vault(
            name: Self.vaultName,
            tenant: Self.tenantID,
            grants: [
                EmulatorSeed.Grant(principal: Self.appObjectID, permissions: [.get, .list, .set]),
                EmulatorSeed.Grant(principal: Self.vmObjectID, permissions: [.get, .list]),
            ],
            secrets: secrets
        )
        return EmulatorSeed(
            tenants: [EmulatorSeed.Tenant(id: Self.tenantID, displayName: "Contoso")],
            applications: [app],
            managedIdentities: EmulatorSeed.ManagedIdentities(systemAssigned: vm),
            vaults: [vault]
        )
    }

    private static func json(_ object: [String: String]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
