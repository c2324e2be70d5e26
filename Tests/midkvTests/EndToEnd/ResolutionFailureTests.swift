import Foundation
import MidkvCore
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@testable import midkv

/// Each documented way a MID's Key Vault setup fails, reproduced over real HTTPS against the
/// emulator, named by its code.
@Suite("Resolution failures end to end")
struct ResolutionFailureTests {
    /// One failing setup.
    struct Case: Sendable, CustomTestStringConvertible {
        enum Config: Sendable {
            case clientSecret
            case clientSecretWithoutVault
            case managedIdentity
        }

        var name: String
        var id: String
        var type: String
        var config: Config = .clientSecret
        var environment: [String: String] = [:]
        var expected: ErrorCode

        var testDescription: String {
            "\(name) -> \(expected)"
        }
    }

    static let cases: [Case] = [
        Case(
            name: "secret ID pasted instead of its value",
            id: "linux-root-pw",
            type: "ssh_password",
            environment: ["AZURE_CLIENT_SECRET": "CANARY-9f1c2d3e-wrong-value"],
            expected: .identityInvalidSecret
        ),
        Case(
            name: "client ID from another directory",
            id: "linux-root-pw",
            type: "ssh_password",
            environment: ["AZURE_CLIENT_ID": "12345678-1234-1234-1234-123456789abc"],
            expected: .identityAppNotFound
        ),
        Case(
            name: "tenant that does not exist",
            id: "linux-root-pw",
            type: "ssh_password",
            environment: ["AZURE_TENANT_ID": "12345678-1234-1234-1234-123456789abc"],
            expected: .identityTenantNotFound
        ),
        Case(
            name: "user-assigned identity not attached to the VM",
            id: "linux-root-pw:kv-contoso-disc",
            type: "ssh_password",
            config: .managedIdentity,
            environment: ["AZURE_CLIENT_ID": "12345678-1234-1234-1234-123456789abc"],
            expected: .identityNoManagedIdentity
        ),
        Case(
            name: "no secret of that name",
            id: "linux-root-ssh",
            type: "ssh_password",
            expected: .vaultSecretNotFound
        ),
        Case(name: "secret disabled", id: "disabled-secret", type: "ssh_password", expected: .vaultSecretDisabled),
        Case(
            name: "no role on an RBAC vault",
            id: "linux-root-pw:kv-no-role",
            type: "ssh_password",
            config: .clientSecretWithoutVault,
            expected: .vaultForbiddenRBAC
        ),
        Case(
            name: "no access policy",
            id: "linux-root-pw:kv-policy",
            type: "ssh_password",
            config: .clientSecretWithoutVault,
            expected: .vaultForbiddenAccessPolicy
        ),
        Case(
            name: "vault firewall",
            id: "linux-root-pw:kv-firewalled",
            type: "ssh_password",
            config: .clientSecretWithoutVault,
            expected: .vaultForbiddenFirewall
        ),
        Case(
            name: "vault in another tenant",
            id: "linux-root-pw:kv-fabrikam",
            type: "ssh_password",
            config: .clientSecretWithoutVault,
            expected: .vaultWrongTenant
        ),
        Case(
            name: "colon form with vault_name set",
            id: "linux-root-pw:kv-contoso-disc",
            type: "ssh_password",
            expected: .credentialIDVaultConflict
        ),
        Case(
            name: "no vault anywhere",
            id: "linux-root-pw",
            type: "ssh_password",
            config: .clientSecretWithoutVault,
            expected: .credentialIDMissingVault
        ),
        Case(
            name: "URL pasted as the ID",
            id: "https://kv-contoso-disc.vault.azure.net/secrets/linux-root-pw",
            type: "ssh_password",
            expected: .credentialIDNotAName
        ),
        Case(
            name: "underscore and dot in the name",
            id: "linux_root.pw",
            type: "ssh_password",
            expected: .credentialIDInvalidName
        ),
        Case(
            name: "plain password instead of JSON",
            id: "plain-password",
            type: "ssh_password",
            expected: .secretNotJSON
        ),
        Case(
            name: "username instead of user",
            id: "username-key",
            type: "ssh_password",
            expected: .secretMissingField
        ),
        Case(
            name: "password secret used for a private-key credential",
            id: "linux-root-pw",
            type: "ssh_private_key",
            expected: .secretTypeMismatch
        ),
        Case(
            name: "client secret still encrypted by the MID",
            id: "linux-root-pw",
            type: "ssh_password",
            config: .clientSecret,
            environment: ["MIDKV_ENCRYPTED_SECRET": "1"],
            expected: .configEncryptedValue
        ),
    ]

    /// One emulator for the table of faults: none of them changes its state.
    static let shared: (world: EndToEndWorld, harness: EmulatorHarness) = {
        let world = try! EndToEndWorld()
        let harness = try! EmulatorHarness(seed: world.seed)
        harness.folder.removeAtExit()
        return (world, harness)
    }()

    @Test("each setup fault is named by its code", arguments: cases)
    func fails(_ failure: Case) async throws {
        let (world, harness) = Self.shared

        let error = await #expect(throws: MidkvError.self) {
            let settings = try harness.settings(
                configXML: Self.config(failure, world: world),
                environment: failure.environment.filter { $0.key != "MIDKV_ENCRYPTED_SECRET" }
            )
            let resolver = try CredentialResolver(settings: settings, time: NoWaitTimeSource())
            defer { resolver.shutdown() }
            _ = try await resolver.resolve(CredentialRequest(credentialID: failure.id, type: failure.type))
        }

        #expect(error?.code == failure.expected)
        #expect(!(error?.fix.isEmpty ?? true))
        let text = error.map { $0.detailedDescription } ?? ""
        #expect(!text.contains("CANARY"), "a secret value reached the error text")
        #expect(!text.contains(world.demo.clientSecret))
    }

    private static func config(_ failure: Case, world: EndToEndWorld) -> String {
        switch failure.config {
        case .clientSecret where failure.environment["MIDKV_ENCRYPTED_SECRET"] != nil:
            world.clientSecretConfig().replacingOccurrences(
                of: world.demo.clientSecret,
                with: "ENCv2[c2VjcmV0LWVuY3J5cHRlZC1ieS10aGUtTUlE]"
            )
        case .clientSecret:
            world.clientSecretConfig()
        case .clientSecretWithoutVault:
            world.clientSecretConfig(vaultName: nil)
        case .managedIdentity:
            DemoConfigFiles.azureVM
        }
    }

    @Test("throttled reads are retried, then named vault.throttled with the wait asked for")
    func throttled() async throws {
        let world = try EndToEndWorld()
        let harness = try EmulatorHarness(seed: world.seed)
        defer { harness.stop() }
        harness.emulator.faults.throttle(next: 50, retryAfterSeconds: 7)
        let time = NoWaitTimeSource()

        let error = await #expect(throws: MidkvError.self) {
            let resolver = try CredentialResolver(
                settings: try harness.settings(configXML: world.clientSecretConfig()),
                time: time
            )
            defer { resolver.shutdown() }
            _ = try await resolver.resolve(CredentialRequest(credentialID: "linux-root-pw", type: "ssh_password"))
        }

        #expect(error?.code == .vaultThrottled)
        #expect(time.skippedWaits.contains(.seconds(7)))
    }

    @Test("a TLS-inspecting proxy's certificate is refused as untrusted")
    func intercepted() async throws {
        let world = try EndToEndWorld()
        let harness = try EmulatorHarness(seed: world.seed)
        defer { harness.stop() }
        harness.server.setInspectionCertificate(true)

        let error = await #expect(throws: MidkvError.self) {
            let resolver = try CredentialResolver(settings: try harness.settings(configXML: world.clientSecretConfig()))
            defer { resolver.shutdown() }
            _ = try await resolver.resolve(CredentialRequest(credentialID: "linux-root-pw", type: "ssh_password"))
        }

        #expect(error?.code == .networkTLSUntrusted)
        #expect(error?.evidence("host") == "kv-contoso-disc.vault.azure.net")
    }

    @Test("connections reset on every try are named network.reset")
    func reset() async throws {
        let world = try EndToEndWorld()
        let harness = try EmulatorHarness(seed: world.seed)
        defer { harness.stop() }
        harness.emulator.faults.failConnections(.reset, next: 100)

        let error = await #expect(throws: MidkvError.self) {
            let settings = try harness.settings(configXML: world.clientSecretConfig())
            let resolver = try CredentialResolver(settings: settings, time: NoWaitTimeSource())
            defer { resolver.shutdown() }
            _ = try await resolver.resolve(CredentialRequest(credentialID: "linux-root-pw", type: "ssh_password"))
        }

        #expect(error?.code == .networkReset, "\(error?.detailedDescription ?? "")")
    }

    @Test("managed identity off Azure: IMDS does not answer, named network.imds-unreachable")
    func imdsUnreachable() async throws {
        let world = try EndToEndWorld()
        let harness = try EmulatorHarness(seed: world.seed)
        defer { harness.stop() }
        let closed = try ReservedPort()

        let error = await #expect(throws: MidkvError.self) {
            let settings = try harness.settings(
                configXML: DemoConfigFiles.azureVM,
                flags: ["--imds-endpoint": "http://127.0.0.1:\(closed.port)"]
            )
            let resolver = try CredentialResolver(settings: settings, time: NoWaitTimeSource())
            defer { resolver.shutdown() }
            _ = try await resolver.resolve(
                CredentialRequest(credentialID: "linux-root-pw:kv-contoso-disc", type: "ssh_password")
            )
        }

        #expect(error?.code == .networkIMDSUnreachable)
    }

    @Test("a confined process never looks up an outside name: real Azure hosts are refused at once")
    func noOutsideLookups() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write("config.xml", DemoConfigFiles.datacenter(clientSecret: "CANARY-unused"))
        NetworkGuard.confineToLoopback()

        let error = await #expect(throws: MidkvError.self) {
            let resolver = try CredentialResolver(settings: try Settings.resolve(configFilePath: path))
            defer { resolver.shutdown() }
            _ = try await resolver.resolve(CredentialRequest(credentialID: "linux-root-pw", type: "ssh_password"))
        }

        #expect(error?.code == .networkNonLoopbackBlocked)
        #expect(NetworkGuard.blockedAttempts.contains { $0.host == "kv-contoso-disc.vault.azure.net" })
    }
}
