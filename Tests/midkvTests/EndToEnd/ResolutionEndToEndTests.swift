import Foundation
import MidkvCore
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport
import Testing

@testable import midkv

/// The whole flow over real HTTPS: config.xml, identity, token, vault, secret, MID fields,
/// against the emulator with the real Azure host names.
@Suite("Resolution end to end")
struct ResolutionEndToEndTests {
    let world: EndToEndWorld
    let harness: EmulatorHarness

    init() throws {
        world = try EndToEndWorld()
        harness = try EmulatorHarness(seed: world.seed)
    }

    private func resolve(
        _ id: String,
        type: String,
        config: String?,
        environment: [String: String] = [:],
        flags: [String: String] = [:]
    ) async throws -> ResolvedCredential {
        let settings = try harness.settings(configXML: config, environment: environment, flags: flags)
        let resolver = try CredentialResolver(settings: settings, time: NoWaitTimeSource())
        defer { resolver.shutdown() }
        return try await resolver.resolve(CredentialRequest(credentialID: id, type: type))
    }

    @Test("every credential type resolves with a client secret, field for field")
    func clientSecretMode() async throws {
        defer { harness.stop() }
        for credential in world.demo.credentials {
            let resolved = try await resolve(
                credential.secretName,
                type: credential.type,
                config: world.clientSecretConfig()
            )

            #expect(resolved.credentialID.vaultSource == .configuration)
            #expect(resolved.credential.fields.allSatisfy { !$0.value.isEmpty })
            let user = resolved.credential[.user]?.reveal()
            let expectedUser = credential.json["user"] ?? credential.json["access_key"]
            #expect(user == (credential.type == "windows" ? "CONTOSO\\svc-disc" : expectedUser))
            let password = credential.json["password"] ?? credential.json["secret_key"]
            if let password {
                #expect(resolved.credential[.password]?.reveal() == password)
            }
        }
    }

    @Test("every credential type resolves with the VM's managed identity, vault named in the ID")
    func managedIdentityMode() async throws {
        defer { harness.stop() }
        for credential in world.demo.credentials {
            let id = "\(credential.secretName):\(DemoWorld.vaultName)"
            let resolved = try await resolve(id, type: credential.type, config: DemoConfigFiles.azureVM)

            #expect(resolved.credentialID.vaultSource == .credentialID)
            #expect(!resolved.credential.fields.isEmpty)
        }
        #expect(harness.emulator.counters.managedIdentityRequests >= 1)
    }

    @Test("the SSH private key arrives byte for byte, line breaks included")
    func privateKeyExact() async throws {
        defer { harness.stop() }
        let credential = try #require(world.demo.credentials.first { $0.type == "ssh_private_key" })
        let resolved = try await resolve(
            credential.secretName,
            type: "ssh_private_key",
            config: world.clientSecretConfig()
        )

        #expect(resolved.credential[.privateKey]?.reveal() == credential.json["ssh_private_key"])
        #expect(resolved.credential[.passphrase]?.reveal() == credential.json["ssh_passphrase"])
    }

    @Test("App Service identity: IDENTITY_ENDPOINT and IDENTITY_HEADER from the environment")
    func appServiceIdentity() async throws {
        defer { harness.stop() }
        let environment = [
            "IDENTITY_ENDPOINT": "http://127.0.0.1:\(harness.server.port)/msi/token",
            "IDENTITY_HEADER": EndToEndWorld.appServiceHeader,
        ]
        let resolved = try await resolve(
            "linux-root-pw:\(DemoWorld.vaultName)",
            type: "ssh_password",
            config: DemoConfigFiles.azureVM,
            environment: environment
        )

        #expect(resolved.credential[.user]?.reveal() == "svc-disc")
    }

    @Test("one token and one challenge serve many resolutions")
    func reuse() async throws {
        defer { harness.stop() }
        let settings = try harness.settings(configXML: world.clientSecretConfig())
        let resolver = try CredentialResolver(settings: settings)
        defer { resolver.shutdown() }

        for credential in world.demo.credentials {
            _ = try await resolver.resolve(
                CredentialRequest(credentialID: credential.secretName, type: credential.type)
            )
        }

        #expect(harness.emulator.counters.tokenRequests == 1)
        #expect(harness.emulator.requests.filter { $0.status == 401 }.count == 1)
    }

    @Test("an expired secret still resolves, with a warning")
    func expiredSecret() async throws {
        defer { harness.stop() }
        let resolved = try await resolve("expired-secret", type: "basic_auth", config: world.clientSecretConfig())

        #expect(resolved.warnings.map(\.code) == [.vaultSecretExpired])
        #expect(resolved.warnings.first?.severity == .warning)
    }
}
