import Foundation
import MidkvCore
import MidkvCrypto
import MidkvDoctor
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Doctor")
struct DoctorTests {
    @Test("a healthy client-secret MID: no error, every check in order, the principal named, no secret shown")
    func healthyClientSecret() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(),
            credentials: ["linux-root-ssh:ssh_private_key", "linux-root-pw:ssh_password"]
        )

        #expect(report.errorCodes == [])
        #expect(report.exitStatus == 0)
        #expect(
            report.sections.map(\.check) == ["config", "credential-id", "network", "identity", "vault", "credential"]
        )
        let identity = try #require(report.findings(.identityTokenAcquired).first)
        #expect(
            identity.message
                == "Signed in with client secret as app \(DoctorWorld.client), object \(DoctorWorld.appObject), "
                + "in tenant \(DoctorWorld.tenant)"
        )
        #expect(report.findings(.vaultChallengeVerified).count == 1)
        #expect(report.findings(.secretResolved).count == 2)
        #expect(report.findings(.networkReachable).count == 2)
        #expect(report.facts.principal?.contains(DoctorWorld.appObject) == true)
        let leaked = report.findings.mention("CANARY")
        #expect(!leaked)
    }

    @Test("the identity step's token is reused by the credentials: one token request in all")
    func oneToken() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        _ = try await bench.run(
            DoctorWorld.clientSecretConfig(),
            credentials: ["linux-root-ssh:ssh_private_key", "linux-root-pw:ssh_password"]
        )

        #expect(bench.emulator.requests.count { $0.kind == .token } == 1)
    }

    @Test("a healthy managed-identity MID with the vault in each Credential ID: no error")
    func healthyManagedIdentity() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.managedIdentityConfig(),
            credentials: ["linux-root-ssh:kv-contoso-disc:ssh_private_key"]
        )

        #expect(report.errorCodes == [])
        #expect(report.findings(.identityTokenAcquired).first?.message.contains(DoctorWorld.vmObject) == true)
        #expect(report.findings(.networkReachable).count == 2)
        #expect(report.findings(.secretResolved).count == 1)
    }

    @Test("--offline runs config and Credential ID checks only, says what it skipped, and sends nothing")
    func offline() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(),
            credentials: ["linux-root-ssh:ssh_private_key"],
            offline: true
        )

        #expect(bench.emulator.requests.isEmpty)
        let skipped = report.findings.filter(\.isSkipped)
        #expect(skipped.map(\.check) == ["network", "identity", "vault", "credential"])
        #expect(skipped.allSatisfy { $0.evidence("reason") == "--offline was given" })
        #expect(report.findings(.credentialIDValid).count == 1)
        #expect(report.summary.skipped == 4)
        #expect(report.summary.notes == report.findings.count { $0.severity == .note } - 4)
        #expect(report.facts.offline)
    }

    @Test("config errors stop the online checks, each skip naming the codes")
    func configErrorsGate() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        let xml = DoctorWorld.clientSecretConfig().replacingOccurrences(
            of: "ext.cred.azure.secret_key",
            with: "ext.cred.azure.client_secret"
        )

        let report = try await bench.run(xml, credentials: ["linux-root-ssh:ssh_private_key"])

        #expect(report.errorCodes == [.configUnknownParameter, .configMissingParameter])
        let skips = report.findings.filter(\.isSkipped)
        #expect(skips.count == 4)
        #expect(
            skips.first?.evidence("reason")
                == "config.xml has errors (config.unknown-parameter, config.missing-parameter); online checks would "
                + "fail for the same reason"
        )
        #expect(bench.emulator.requests.isEmpty)
    }

    @Test("a proxy nobody listens on is the one error; the skips name it and direct answers are only notes")
    func proxyDown() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        let closed = try ReservedPort()
        let proxy = """
                <parameter name="mid.proxy.use_proxy" value="true"/>
                <parameter name="mid.proxy.host" value="127.0.0.1"/>
                <parameter name="mid.proxy.port" value="\(closed.port)"/>
            """

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(extra: proxy),
            credentials: ["linux-root-ssh:ssh_private_key"]
        )

        #expect(report.errorCodes == [.networkProxy])
        let network = report.findings(check: "network")
        #expect(network.first?.code == .networkProxy)
        #expect(!network.contains { $0.severity == .ok })
        #expect(network.filter { $0.code == .networkReachable }.map(\.severity) == [.note, .note])
        let path = "through the proxy 127.0.0.1:\(closed.port) (network.proxy)"
        #expect(
            report.findings(check: "identity").map { $0.evidence("reason") } == [
                "the network check failed for login.microsoftonline.com \(path)"
            ]
        )
        #expect(
            report.findings(check: "vault").map { $0.evidence("reason") } == [
                "the network check failed for \(DoctorWorld.vaultHost) \(path)"
            ]
        )
        #expect(bench.emulator.requests.count { $0.kind == .token } == 0)
    }

    @Test("a vault in another tenant is vault.wrong-tenant before any token is sent to it")
    func wrongTenantBeforeToken() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(vaultName: nil),
            credentials: ["linux-root-ssh:kv-fabrikam:ssh_password"]
        )

        #expect(report.errorCodes == [.vaultWrongTenant])
        let finding = try #require(report.findings(.vaultWrongTenant).first)
        #expect(finding.evidence("vault tenant") == DoctorWorld.otherTenant)
        #expect(finding.evidence("sign-in tenant") == DoctorWorld.tenant)
        #expect(report.findings(check: "credential").first?.isSkipped == true)
        let tokensToVault = bench.emulator.requests.filter { $0.host.hasPrefix("kv-fabrikam") && $0.principal != nil }
        #expect(tokensToVault.isEmpty)
    }

    @Test("a resolved credential's warnings follow it under the credential check, naming it")
    func resolvedWithWarning() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(),
            credentials: ["linux-root-expired:ssh_password"]
        )

        #expect(report.errorCodes == [])
        let credential = report.findings(check: "credential")
        #expect(credential.map(\.code) == [.secretResolved, .vaultSecretExpired])
        #expect(credential[1].severity == .warning)
        #expect(credential[1].evidence("credential") == "linux-root-expired (ssh_password)")
    }

    @Test("findings reach the collector as they are made, in report order")
    func collector() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        let log = FindingLog()
        let request = Doctor.Request(
            configPath: try bench.write(DoctorWorld.clientSecretConfig()),
            flags: bench.harness.redirectFlags,
            offline: true
        )

        let report = await Doctor(request: request).run(collector: log)

        #expect(log.findings.map(\.code) == report.findings.map(\.code))
        #expect(!log.findings.isEmpty)
    }
}

extension DoctorTests {
    /// A bench whose app registration knows a new certificate, and the PEM file of certificate and
    /// key for the MID; `notAfter` sets the certificate's end.
    private func certificateBench(notAfter: Date) throws -> (DoctorBench, String) {
        let key = try TestKeys.rsa()
        let certificate = try key.selfSignedCertificatePEM(
            commonName: "ServiceNow MID Discovery",
            notBefore: Date().addingTimeInterval(-86_400 * 400),
            notAfter: notAfter
        )
        let bench = try DoctorBench(seed: try DoctorWorld(certificatePEM: certificate).seed)
        let path = try bench.harness.folder.write("branch/keys/akv-client.pem", certificate + key.pkcs8PEM.reveal())
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return (bench, path)
    }

    @Test("a certificate MID: the certificate is checked, then sign-in and resolution pass")
    func certificateSignIn() async throws {
        let (bench, path) = try certificateBench(notAfter: Date().addingTimeInterval(86_400 * 200))
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.certificateConfig(path: path),
            credentials: ["linux-root-ssh:ssh_private_key"]
        )

        #expect(report.errorCodes == [])
        #expect(
            report.findings(check: "identity").map(\.code) == [
                ErrorCode("identity.certificate-valid"), .identityTokenAcquired,
            ]
        )
        #expect(
            report.findings(.identityTokenAcquired).first?.message.hasPrefix("Signed in with client certificate")
                == true
        )
        #expect(report.findings(.secretResolved).count == 1)
        #expect(!report.findings.mention("PRIVATE KEY"))
    }

    @Test("an expired certificate is its identity error; no token is asked for and the credentials are skipped")
    func expiredCertificate() async throws {
        let (bench, path) = try certificateBench(notAfter: Date().addingTimeInterval(-86_400))
        defer { bench.stop() }

        let report = try await bench.run(
            DoctorWorld.certificateConfig(path: path),
            credentials: ["linux-root-ssh:ssh_private_key"]
        )

        #expect(report.errorCodes == [ErrorCode("identity.certificate-expired")])
        #expect(bench.emulator.requests.count { $0.kind == .token } == 0)
        #expect(report.findings(check: "credential").first?.isSkipped == true)
    }
}
