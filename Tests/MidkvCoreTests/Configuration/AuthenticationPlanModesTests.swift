import Foundation
import MidkvCore
import MidkvCrypto
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("AuthenticationPlan: certificate, workload identity and Azure Arc")
struct AuthenticationPlanModesTests {
    private typealias Samples = ConfigurationSamples
    private static let passphraseCanary = "CANARY-cert-passphrase-4Rt"
    private static let identifiers = ["AZURE_TENANT_ID": Samples.tenant, "AZURE_CLIENT_ID": Samples.client]

    private func plan(
        config: [(String, String)]? = nil,
        flags: [String: String] = [:],
        environment: [String: String] = [:],
        files: [String: String] = [:],
        arcAgent: Settings.ArcAgentLocations = Samples.noArcAgent
    ) throws -> AuthenticationPlan {
        let settings = try Samples.settings(
            config: config.map(Samples.azureConfig),
            flags: flags,
            environment: environment,
            files: files,
            arcAgent: arcAgent
        )
        return try AuthenticationPlan(settings: settings)
    }

    private func planError(
        config: [(String, String)]? = nil,
        flags: [String: String] = [:],
        environment: [String: String] = [:]
    ) throws -> MidkvError {
        try #require(Samples.midkvError { _ = try plan(config: config, flags: flags, environment: environment) })
    }

    // MARK: - Certificate

    @Test("a certificate path selects certificate sign-in, from midkv's own config.xml parameter too")
    func certificate() throws {
        let plan = try plan(
            config: [
                ("ext.cred.azure.tenant_id", Samples.tenant), ("ext.cred.azure.client_id", Samples.client),
                ("ext.cred.azure.midkv.client_certificate_path", "/opt/servicenow/mid/agent/keys/akv.pem"),
            ]
        )
        guard case .clientCertificate(let certificate) = plan.method else {
            Issue.record("expected certificate sign-in, got \(plan.mode)")
            return
        }

        #expect(plan.mode == .clientCertificate)
        #expect(certificate.files.certificatePath.value == "/opt/servicenow/mid/agent/keys/akv.pem")
        #expect(certificate.files.certificatePath.source.description == "config.xml line 10")
        #expect(certificate.algorithm.value == .rs256)
        #expect(
            certificate.tokenURL.absoluteString
                == "https://login.microsoftonline.com/\(Samples.tenant)/oauth2/v2.0/token"
        )
        #expect(plan.considerations.map(\.isChosen) == [true, false, false, false, false, false])
        #expect(
            plan.considerations[1].reason == "no client secret: ext.cred.azure.secret_key, AZURE_CLIENT_SECRET "
                + "and --client-secret-file are all unset"
        )
        #expect(
            plan.considerations[5].reason.hasPrefix("a client certificate is set (config.xml line 10); the instance")
        )
        #expect(plan.summary.hasPrefix("Certificate sign-in as \(Samples.client) (config.xml line 9) in tenant "))
        #expect(
            plan.summary.contains("with the certificate in /opt/servicenow/mid/agent/keys/akv.pem (config.xml line 10)")
        )
        #expect(plan.findings.isEmpty)
    }

    @Test("a certificate beats a client secret, which is reported as unused")
    func certificateOverSecret() throws {
        let plan = try plan(
            flags: ["--client-certificate": "/etc/midkv/akv.pem", "--assertion-algorithm": "ps256"],
            environment: Self.identifiers.merging(["AZURE_CLIENT_SECRET": Samples.secretCanary]) { $1 }
        )

        #expect(plan.mode == .clientCertificate)
        #expect(
            plan.considerations[1].reason == "a client secret is set (environment AZURE_CLIENT_SECRET) too, but "
                + "client certificate takes precedence"
        )
        #expect(plan.findings.map(\.code) == [.configCredentialIgnored])
        #expect(plan.findings.map(\.severity) == [.warning])
        #expect(plan.summary.contains("PS256 assertions"))
        #expect(plan.explanation.allSatisfy { !$0.contains(Samples.secretCanary) })
    }

    @Test("a certificate without a tenant is a missing parameter, not a fall-back to managed identity")
    func certificateNeedsTenant() throws {
        let error = try planError(
            flags: ["--client-certificate": "/etc/midkv/akv.pem"],
            environment: ["AZURE_CLIENT_ID": Samples.client]
        )

        #expect(error.code == .configMissingParameter)
        #expect(
            error.message == "a client certificate is set (flag --client-certificate) but ext.cred.azure.tenant_id "
                + "is not"
        )
        #expect(error.fix.hasSuffix("To use another sign-in, remove the client certificate."))
    }

    @Test("the passphrase comes from a file (one line break stripped) or the environment, and is never shown")
    func passphrase() throws {
        let fromFile = try Samples.settings(
            flags: ["--client-certificate-passphrase-file": "/run/secrets/pass"],
            files: ["/run/secrets/pass": Self.passphraseCanary + "\n"]
        )
        let fromEnvironment = try Samples.settings(environment: [
            "AZURE_CLIENT_CERTIFICATE_PASSWORD": Self.passphraseCanary
        ])
        let report = SettingsReport(settings: fromFile)
        let row = try #require(report.rows.first { $0.name == "client certificate passphrase" })

        #expect(fromFile.clientCertificatePassphrase?.value.reveal() == Self.passphraseCanary)
        #expect(
            fromEnvironment.clientCertificatePassphrase?.source == .environment("AZURE_CLIENT_CERTIFICATE_PASSWORD")
        )
        #expect(row.value == "<redacted>")
        #expect(row.note == "26 characters")
        #expect(report.allText.allSatisfy { !$0.contains(Self.passphraseCanary) })
        #expect(
            try plan(environment: ["AZURE_CLIENT_CERTIFICATE_PASSWORD": Self.passphraseCanary]).findings.map(\.code)
                == [.configCredentialIgnored]
        )
    }

    @Test("an assertion algorithm other than RS256 or PS256 is an invalid value")
    func algorithm() throws {
        let error = try #require(
            Samples.midkvError { _ = try Samples.settings(flags: ["--assertion-algorithm": "ES256"]) }
        )

        #expect(error.code == .configInvalidValue)
        #expect(error.fix == "Give RS256 or PS256; Entra ID accepts RSA signatures only, so ES256 cannot be used.")
    }

    // MARK: - Workload identity

    @Test("AZURE_FEDERATED_TOKEN_FILE with client and tenant selects workload identity")
    func workloadIdentity() throws {
        let environment = Self.identifiers.merging([
            "AZURE_FEDERATED_TOKEN_FILE": "/var/run/secrets/azure/tokens/azure-identity-token"
        ]) { $1 }
        let plan = try plan(environment: environment)
        guard case .workloadIdentity(let identity) = plan.method else {
            Issue.record("expected workload identity, got \(plan.mode)")
            return
        }

        #expect(identity.tokenFile.value == "/var/run/secrets/azure/tokens/azure-identity-token")
        #expect(plan.considerations.map(\.isChosen) == [false, false, true, false, false, false])
        #expect(
            plan.considerations[2].reason == "a federated token file is set (environment AZURE_FEDERATED_TOKEN_FILE) "
                + "together with a tenant and client ID"
        )
        #expect(plan.summary.hasPrefix("Workload identity sign-in as \(Samples.client) (environment AZURE_CLIENT_ID)"))
    }

    @Test("a client secret beats a federated token file, which is noted as unused; without a client ID it is an error")
    func workloadIdentityPrecedence() throws {
        let environment = Self.identifiers.merging([
            "AZURE_FEDERATED_TOKEN_FILE": "/var/run/token", "AZURE_CLIENT_SECRET": Samples.secretCanary,
        ]) { $1 }
        let secretPlan = try plan(environment: environment)
        let missing = try planError(
            environment: ["AZURE_FEDERATED_TOKEN_FILE": "/var/run/token", "AZURE_TENANT_ID": Samples.tenant]
        )

        #expect(secretPlan.mode == .clientSecret)
        #expect(secretPlan.findings.map(\.severity) == [.note])
        #expect(secretPlan.considerations[2].reason.hasPrefix("a federated token file is set (environment "))
        #expect(missing.code == .configMissingParameter)
        #expect(
            missing.message.hasPrefix("a federated token file is set (environment AZURE_FEDERATED_TOKEN_FILE) but ")
        )
    }

    // MARK: - Azure Arc

    @Test("IDENTITY_ENDPOINT and IMDS_ENDPOINT select Azure Arc with the agent's tokens folder")
    func arcFromEnvironment() throws {
        let environment = [
            "IDENTITY_ENDPOINT": "http://localhost:40342/metadata/identity/oauth2/token",
            "IMDS_ENDPOINT": "http://localhost:40342",
        ]
        let plan = try plan(environment: environment, arcAgent: .standard)
        let settings = try Samples.settings(environment: environment)

        #expect(plan.mode == .arcManagedIdentity)
        guard case .managedIdentity(let identity) = plan.method else {
            Issue.record("expected managed identity")
            return
        }
        #expect(
            identity.endpoint
                == .arc(URL(string: environment["IDENTITY_ENDPOINT"]!)!, tokensFolder: "/var/opt/azcmagent/tokens")
        )
        #expect(
            plan.considerations[4].reason == "IDENTITY_ENDPOINT and IMDS_ENDPOINT are set "
                + "(http://localhost:40342/metadata/identity/oauth2/token)"
        )
        #expect(
            plan.considerations[5].reason.hasPrefix("the Azure Arc agent is present (environment IDENTITY_ENDPOINT);")
        )
        #expect(settings.notes.isEmpty)
        let rows = SettingsReport(settings: settings).rows
        #expect(rows.first { $0.name == "IMDS_ENDPOINT" }?.value == "http://localhost:40342")
        #expect(rows.first { $0.name == "IDENTITY_ENDPOINT" }?.value == environment["IDENTITY_ENDPOINT"])
    }

    @Test("the agent's binary alone selects Azure Arc at its standard endpoint; a client ID is reported unused")
    func arcFromBinary() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let himds = try folder.write("azcmagent/bin/himds", "#!/bin/sh\n")
        let agent = Settings.ArcAgentLocations(himdsPath: himds, tokensFolder: folder.path("tokens"))

        let plan = try plan(environment: ["AZURE_CLIENT_ID": Samples.client], arcAgent: agent)

        guard case .managedIdentity(let identity) = plan.method else {
            Issue.record("expected managed identity")
            return
        }
        #expect(
            identity.endpoint
                == .arc(ArcManagedIdentityTokenSource.defaultIdentityEndpoint, tokensFolder: agent.tokensFolder)
        )
        #expect(identity.clientID == nil)
        #expect(plan.considerations[4].reason.hasPrefix("the Azure Arc agent is installed (\(himds))"))
        #expect(plan.findings.map(\.code) == [.configCredentialIgnored])
        #expect(
            plan.summary == "Managed identity sign-in with the system-assigned identity through the Azure Arc agent "
                + "at http://localhost:40342/metadata/identity/oauth2/token, resource https://vault.azure.net."
        )
    }

    @Test("App Service's IDENTITY_HEADER wins over Arc; IDENTITY_ENDPOINT alone is noted and IMDS is used")
    func arcAndAppService() throws {
        let both = try plan(environment: [
            "IDENTITY_ENDPOINT": "http://127.0.0.1:41741/msi/token", "IDENTITY_HEADER": Samples.identityHeaderCanary,
            "IMDS_ENDPOINT": "http://localhost:40342",
        ])
        let alone = try Samples.settings(environment: [
            "IDENTITY_ENDPOINT": "http://localhost:40342/metadata/identity/oauth2/token"
        ])

        #expect(both.mode == .appServiceManagedIdentity)
        #expect(both.considerations[4].reason.hasPrefix("the Azure Arc agent is present"))
        #expect(try AuthenticationPlan(settings: alone).mode == .imdsManagedIdentity)
        #expect(
            alone.notes == [
                "IDENTITY_ENDPOINT is set alone, so no managed identity uses it: App Service needs IDENTITY_HEADER "
                    + "with it, Azure Arc needs IMDS_ENDPOINT."
            ]
        )
    }
}
