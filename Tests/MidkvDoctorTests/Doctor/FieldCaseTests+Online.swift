import Foundation
import MidkvCore
import MidkvDoctor
import MidkvEmulator
import MidkvTestSupport
import MidkvTransport
import Testing

/// The field cases that need the network, identity or vault: the doctor against the emulator.
extension FieldCaseTests {
    private static let ssh = "linux-root-ssh:ssh_private_key"

    // MARK: - Network

    /// A resolver that knows the login host and the real vault only; connections go to the emulator.
    private func scriptedNames(_ bench: DoctorBench) -> (StaticNameResolver, Int) {
        let resolver = StaticNameResolver([
            "login.microsoftonline.com": .addresses(["127.0.0.1"]), DoctorWorld.vaultHost: .addresses(["127.0.0.1"]),
        ])
        return (resolver, Int(bench.harness.server.port))
    }

    @Test("field case 5: vault_name with transposed letters does not resolve: network.dns, the vault skipped")
    func case5VaultDoesNotResolve() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        let (resolver, port) = scriptedNames(bench)

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(vaultName: "kv-contoso-dsic"),
            credentials: [Self.ssh],
            nameResolver: resolver,
            adjustNetwork: { configuration in
                configuration.connectTo = nil
                configuration.port = port
            }
        )

        #expect(report.errorCodes == [.networkDNS])
        let finding = try #require(report.findings(.networkDNS).first)
        #expect(finding.evidence("host") == "kv-contoso-dsic.vault.azure.net")
        let skipped = report.findings(check: "vault").filter(\.isSkipped)
        #expect(skipped.first?.evidence("skipped") == "kv-contoso-dsic.vault.azure.net")
        #expect(report.findings(check: "credential").first?.isSkipped == true)
        #expect(report.findings(.identityTokenAcquired).count == 1)
    }

    @Test("field case 5: with a sibling vault that resolves, network.dns suggests it")
    func case5Sibling() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        let (resolver, port) = scriptedNames(bench)

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(vaultName: nil),
            credentials: [
                "linux-root-ssh:kv-contoso-dsic:ssh_private_key", "linux-root-pw:kv-contoso-disc:ssh_password",
            ],
            nameResolver: resolver,
            adjustNetwork: { configuration in
                configuration.connectTo = nil
                configuration.port = port
            }
        )

        #expect(report.errorCodes == [.networkDNS])
        #expect(report.findings(.networkDNS).first?.evidence("similar configured vault") == DoctorWorld.vaultHost)
        #expect(report.findings(.secretResolved).count == 1)
    }

    @Test("field case 7: connections reset during the TLS handshake are network.reset")
    func case7Reset() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        bench.emulator.faults.failConnections(.resetDuringHandshake, next: 1_000)

        let report = try await bench.run(DoctorWorld.clientSecretConfig(), credentials: [Self.ssh])

        #expect(Set(report.errorCodes) == [.networkReset])
        #expect(report.findings(.networkReset).contains { $0.shownText.contains(DoctorWorld.vaultHost) })
        #expect(report.findings(check: "identity").first?.isSkipped == true)
    }

    @Test("field case 8: a chain re-signed by an inspection CA is network.tls-intercepted naming the issuer")
    func case8Interception() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        bench.harness.server.setInspectionCertificate(true)

        let report = try await bench.run(DoctorWorld.clientSecretConfig(), credentials: [Self.ssh])

        #expect(Set(report.errorCodes) == [.networkTLSIntercepted])
        #expect(
            report.findings(.networkTLSIntercepted).first?.shownText.contains(EmulatorServer.inspectionCACommonName)
                == true
        )
        #expect(report.findings(.networkTLSIntercepted).first?.fix?.contains("truststore") == true)
    }

    @Test("field case 10: a proxy that also covers the metadata address is network.imds-proxied")
    func case10IMDSThroughProxy() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: Int(bench.harness.server.port)))

        let report = try await bench.run(
            DoctorWorld.managedIdentityConfig(),
            credentials: ["linux-root-ssh:kv-contoso-disc:ssh_private_key"],
            environment: ["HTTP_PROXY": "http://127.0.0.1:\(proxy.port)"]
        )

        let finding = try #require(report.findings(.networkIMDSProxied).first)
        #expect(finding.evidence("host") == "169.254.169.254")
        #expect(finding.fix == "Add 169.254.169.254 to the no-proxy list.")
        #expect(report.errorCodes == [])
    }

    @Test("field case 11: managed identity where no metadata service answers is network.imds-unreachable")
    func case11NotAzure() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        let closed = try ReservedPort()

        let report = try await bench.run(
            DoctorWorld.managedIdentityConfig(),
            credentials: ["linux-root-ssh:kv-contoso-disc:ssh_private_key"],
            flags: ["--imds-endpoint": "http://127.0.0.1:\(closed.port)"]
        )

        #expect(report.errorCodes == [.networkIMDSUnreachable])
        #expect(report.findings(check: "identity").first?.isSkipped == true)
        #expect(report.findings(.networkIMDSUnreachable).first?.fix?.contains("client secret") == true)
    }

    // MARK: - Identity

    @Test("field case 12: the metadata service answers but has no matching identity: identity.no-managed-identity")
    func case12NoIdentity() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.managedIdentityConfig(),
            credentials: ["linux-root-ssh:kv-contoso-disc:ssh_private_key"],
            environment: ["AZURE_CLIENT_ID": "12345678-1234-1234-1234-123456789abc"]
        )

        #expect(report.errorCodes == [.identityNoManagedIdentity])
        #expect(report.findings(check: "credential").first?.isSkipped == true)
    }

    @Test("field case 13: a wrong secret value that reaches Entra ID is identity.invalid-secret (AADSTS7000215)")
    func case13InvalidSecret() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(secret: "CANARY-rotated-away-value~9Qx"),
            credentials: [Self.ssh]
        )

        #expect(report.errorCodes == [.identityInvalidSecret])
        #expect(report.findings(.identityInvalidSecret).first?.shownText.contains("7000215") == true)
        #expect(!report.findings.mention("CANARY"))
    }

    @Test("field case 14: an expired client secret is identity.secret-expired (AADSTS7000222)")
    func case14SecretExpired() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(client: DoctorWorld.expiredClient, secret: DoctorWorld.expiredSecret),
            credentials: [Self.ssh]
        )

        #expect(report.errorCodes == [.identitySecretExpired])
        #expect(!report.findings.mention("CANARY"))
    }

    @Test("field case 15: a client ID the tenant does not know is identity.app-not-found (AADSTS700016)")
    func case15AppNotFound() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(client: "12345678-1234-1234-1234-123456789abc"),
            credentials: [Self.ssh]
        )

        #expect(report.errorCodes == [.identityAppNotFound])
    }

    @Test("field case 15: tenant and client IDs swapped: the tenant does not exist, identity.tenant-not-found")
    func case15Swapped() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(tenant: DoctorWorld.client, client: DoctorWorld.tenant),
            credentials: [Self.ssh]
        )

        #expect(report.errorCodes == [.identityTenantNotFound])
        let hint = try #require(report.findings(.vaultWrongTenant).first)
        #expect(hint.severity == .warning)
        #expect(hint.evidence("vault tenant") == DoctorWorld.tenant)
    }

    // MARK: - Vault

    @Test(
        "field cases 18, 19, 21, 23: the vault's refusal of one credential is its one error",
        arguments: [
            ("linux-root-ssh:kv-no-role:ssh_password", ErrorCode.vaultForbiddenRBAC),
            ("linux-root-ssh:kv-policy:ssh_password", .vaultForbiddenAccessPolicy),
            ("linux-root-ssh:kv-firewalled:ssh_password", .vaultForbiddenFirewall),
            ("linux-root-disabled:kv-contoso-disc:ssh_password", .vaultSecretDisabled),
            ("linux-root-ssh-01:kv-contoso-disc:ssh_private_key", .vaultSecretNotFound),
        ]
    )
    func vaultRefusals(_ credential: String, _ code: ErrorCode) async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(DoctorWorld.clientSecretConfig(vaultName: nil), credentials: [credential])

        #expect(report.errorCodes == [code])
        let finding = try #require(report.errors.first)
        #expect(finding.check == "credential")
        #expect(finding.evidence("credential") == credential.replacingOccurrences(of: ":ssh_", with: " (ssh_") + ")")
        #expect(report.findings(.vaultChallengeVerified).count == 1)
    }

    @Test("field case 18: the RBAC refusal names the principal from the token")
    func case18Principal() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(vaultName: nil),
            credentials: ["linux-root-ssh:kv-no-role:ssh_password"]
        )

        let finding = try #require(report.findings(.vaultForbiddenRBAC).first)
        #expect(finding.shownText.contains(DoctorWorld.appObject))
    }

    @Test("field case 20: a vault throttling every request is vault.throttled after retries")
    func case20Throttled() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        bench.emulator.faults.throttle(next: 1_000, retryAfterSeconds: 7)

        let report = try await bench.run(DoctorWorld.clientSecretConfig(), credentials: [Self.ssh])

        // A 429 from Key Vault itself proves the network path: throttling is the only fault.
        #expect(report.errorCodes.contains(.vaultThrottled))
        #expect(!report.errorCodes.contains { $0.family == "network" })
        #expect(bench.time.skippedWaits.contains(.seconds(7)))
    }

    // MARK: - Secret JSON

    @Test(
        "field case 25: secret JSON that does not fit the credential type is named by its secret code",
        arguments: [
            ("linux-root-pw:ssh_private_key", ErrorCode.secretTypeMismatch),
            ("linux-root-username:ssh_password", .secretMissingField),
            ("linux-root-plain:ssh_password", .secretNotJSON),
        ]
    )
    func case25SecretJSON(_ credential: String, _ code: ErrorCode) async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(DoctorWorld.clientSecretConfig(), credentials: [credential])

        // The resolution's error comes first; the secret linter may add what else the JSON lacks.
        #expect(report.errorCodes.first == code)
        #expect(report.errors.allSatisfy { $0.check == "credential" && $0.code.family == "secret" })
        #expect(report.findings(code).count == 1)
        #expect(!report.findings.mention("CANARY"))
    }

    @Test("field case 25: a password secret used for a private-key credential also names the missing key field")
    func case25MissingKey() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(),
            credentials: ["linux-root-pw:ssh_private_key"]
        )

        #expect(report.errorCodes == [.secretTypeMismatch, .secretMissingField])
        #expect(report.findings(.secretMissingField).first?.shownText.contains("ssh_private_key") == true)
    }
}
