import Foundation
import MidkvCore
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("AuthenticationPlan chooses client secret or managed identity and says why")
struct AuthenticationPlanTests {
    private typealias Samples = ConfigurationSamples

    private static let secretEnvironment = ["AZURE_CLIENT_SECRET": Samples.secretCanary]

    private func plan(
        config: [(String, String)]? = nil,
        flags: [String: String] = [:],
        environment: [String: String] = [:],
        files: [String: String] = [:]
    ) throws -> AuthenticationPlan {
        let settings = try Samples.settings(
            config: config.map(Samples.azureConfig),
            flags: flags,
            environment: environment,
            files: files
        )
        return try AuthenticationPlan(settings: settings)
    }

    private func planError(
        config: [(String, String)]? = nil,
        flags: [String: String] = [:],
        environment: [String: String] = [:]
    ) throws -> MidkvError {
        let error = try #require(
            Samples.midkvError { _ = try plan(config: config, flags: flags, environment: environment) }
        )
        #expect(Samples.texts(of: error).allSatisfy { !$0.contains(Samples.secretCanary) })
        return error
    }

    // MARK: - Client secret

    @Test("tenant, client ID and secret together select client-secret sign-in")
    func clientSecret() throws {
        let plan = try plan(
            config: [("ext.cred.azure.tenant_id", Samples.tenant), ("ext.cred.azure.client_id", Samples.client)],
            flags: ["--client-secret-file": "/run/secrets/akv"],
            files: ["/run/secrets/akv": Samples.secretCanary + "\n"]
        )
        guard case .clientSecret(let credentials) = plan.method else {
            Issue.record("expected client-secret sign-in, got \(plan.mode)")
            return
        }

        #expect(plan.mode == .clientSecret)
        #expect(credentials.secret.value.reveal() == Samples.secretCanary)
        #expect(credentials.tenantID.source.description == "config.xml line 8")
        #expect(
            credentials.tokenURL.absoluteString
                == "https://login.microsoftonline.com/\(Samples.tenant)/oauth2/v2.0/token"
        )
        #expect(credentials.scope == "https://vault.azure.net/.default")
        #expect(plan.considerations.map(\.mode) == AuthenticationPlan.Mode.allCases)
        #expect(plan.considerations.map(\.isChosen) == [false, true, false, false, false, false])
        #expect(plan.considerations[0].reason.hasPrefix("no client certificate: "))
        #expect(plan.considerations[5].reason.hasPrefix("a client secret is set (flag --client-secret-file)"))
        #expect(plan.findings.isEmpty)
    }

    @Test("a plain-text config.xml that the MID has not yet encrypted is usable as it is")
    func plainTextSecureValues() throws {
        let plan = try plan(config: [
            ("ext.cred.azure.tenant_id", Samples.tenant),
            ("ext.cred.azure.client_id", Samples.client),
            ("ext.cred.azure.secret_key", "Xy9~placeholder~secret"),
        ])

        #expect(plan.mode == .clientSecret)
        #expect(plan.summary.contains("secret from config.xml line 10"))
    }

    @Test("a tenant given as a domain name is accepted")
    func tenantDomain() throws {
        let plan = try plan(
            environment: Self.secretEnvironment.merging([
                "AZURE_TENANT_ID": "contoso.onmicrosoft.com", "AZURE_CLIENT_ID": Samples.client,
            ]) { $1 }
        )

        #expect(plan.mode == .clientSecret)
    }

    @Test("a secret without a tenant ID is a missing parameter, never a fall back to managed identity")
    func secretWithoutTenant() throws {
        let error = try planError(
            config: [("ext.cred.azure.client_id", Samples.client)],
            environment: Self.secretEnvironment
        )

        #expect(error.code == .configMissingParameter)
        #expect(error.evidence("missing") == "ext.cred.azure.tenant_id")
        #expect(
            error.message
                == "a client secret is set (environment AZURE_CLIENT_SECRET) but ext.cred.azure.tenant_id is not"
        )
        #expect(error.fix.contains("set AZURE_TENANT_ID or pass --tenant-id"))
    }

    @Test("a secret without tenant or client ID names both")
    func secretAlone() throws {
        let error = try planError(config: [("ext.cred.azure.secret_key", Samples.secretCanary)])

        #expect(error.code == .configMissingParameter)
        #expect(
            error.evidence.filter { $0.label == "missing" }.map(\.value) == [
                "ext.cred.azure.tenant_id", "ext.cred.azure.client_id",
            ]
        )
    }

    @Test("an encrypted secret with no replacement is an encrypted value naming the ways to supply it")
    func encryptedSecret() throws {
        let error = try planError(config: [
            ("ext.cred.azure.tenant_id", Samples.tenant),
            ("ext.cred.azure.client_id", Samples.client),
            ("ext.cred.azure.secret_key", Samples.v2Encrypted),
        ])

        #expect(error.code == .configEncryptedValue)
        #expect(error.evidence("parameter") == "ext.cred.azure.secret_key")
        #expect(error.evidence("source") == "config.xml line 10")
        #expect(error.fix.contains("AZURE_CLIENT_SECRET"))
        #expect(error.fix.contains("--client-secret-file"))
    }

    @Test("an encrypted secret replaced by AZURE_CLIENT_SECRET signs in with the replacement")
    func encryptedSecretReplaced() throws {
        let plan = try plan(
            config: [
                ("ext.cred.azure.tenant_id", Samples.tenant),
                ("ext.cred.azure.client_id", Samples.client),
                ("ext.cred.azure.secret_key", Samples.v2Encrypted),
            ],
            environment: Self.secretEnvironment
        )

        #expect(plan.mode == .clientSecret)
    }

    @Test("an encrypted tenant ID needed for a secret names the parameter and AZURE_TENANT_ID")
    func encryptedTenant() throws {
        let error = try planError(
            config: [
                ("ext.cred.azure.tenant_id", Samples.legacyEncrypted), ("ext.cred.azure.client_id", Samples.client),
            ],
            environment: Self.secretEnvironment
        )

        #expect(error.code == .configEncryptedValue)
        #expect(error.evidence("parameter") == "ext.cred.azure.tenant_id")
        #expect(error.evidence("format") == "encrypted:…")
        #expect(error.fix == "For ext.cred.azure.tenant_id, set AZURE_TENANT_ID or pass --tenant-id.")
    }

    @Test(
        "a placeholder tenant is reported as a placeholder",
        arguments: [
            "null", "", "  ", "<tenant_id>", "YOUR_TENANT_ID_HERE", "${AZURE_TENANT_ID}",
            "00000000-0000-0000-0000-000000000000",
        ]
    )
    func placeholderTenant(tenant: String) throws {
        let error = try planError(
            flags: ["--tenant-id": tenant, "--client-id": Samples.client],
            environment: Self.secretEnvironment
        )

        #expect(error.code == .configPlaceholder)
        #expect(error.evidence("setting") == "--tenant-id")
    }

    @Test(
        "a tenant that is neither a GUID nor a domain is an invalid GUID",
        arguments: [
            "contoso", "11111111-2222-3333-4444-55555555555Z", "common", "https://login.microsoftonline.com/contoso",
        ]
    )
    func invalidTenant(tenant: String) throws {
        let error = try planError(
            config: [("ext.cred.azure.tenant_id", tenant), ("ext.cred.azure.client_id", Samples.client)],
            environment: Self.secretEnvironment
        )

        #expect(error.code == .configInvalidGUID)
        #expect(error.evidence("value") == tenant)
        #expect(error.evidence("source") == "config.xml line 8")
    }

    @Test("a GUID with spaces around it is an invalid GUID whose cause says so")
    func paddedTenant() throws {
        let error = try planError(
            config: [
                ("ext.cred.azure.tenant_id", " \(Samples.tenant) "), ("ext.cred.azure.client_id", Samples.client),
            ],
            environment: Self.secretEnvironment
        )

        #expect(error.code == .configInvalidGUID)
        #expect(error.cause == "The value has white space around it.")
    }

    @Test("a client ID that is not a GUID is an invalid GUID, even when it is a domain")
    func invalidClient() throws {
        let error = try planError(
            environment: Self.secretEnvironment.merging([
                "AZURE_TENANT_ID": Samples.tenant, "AZURE_CLIENT_ID": "contoso.onmicrosoft.com",
            ]) { $1 }
        )

        #expect(error.code == .configInvalidGUID)
        #expect(error.evidence("setting") == "AZURE_CLIENT_ID")
    }

    @Test(
        "an empty or placeholder secret is a placeholder, and the error never shows it",
        arguments: ["", "&lt;client_secret&gt;", "null"]
    )
    func placeholderSecret(secret: String) throws {
        let error = try planError(config: [
            ("ext.cred.azure.tenant_id", Samples.tenant),
            ("ext.cred.azure.client_id", Samples.client),
            ("ext.cred.azure.secret_key", secret),
        ])

        #expect(error.code == .configPlaceholder)
        #expect(error.evidence("value") == nil)
        #expect(error.message.hasPrefix("the client secret from ext.cred.azure.secret_key in config.xml line 10 is"))
    }

    @Test("a template placeholder pasted into config.xml unescaped makes the file unreadable at its line")
    func unescapedPlaceholder() throws {
        let error = try planError(config: [("ext.cred.azure.tenant_id", "<tenant_id>")])

        #expect(error.code == .configUnreadable)
        #expect(error.evidence("line") == "8")
        #expect(error.message.contains("'<' inside an attribute value"))
    }

    @Test("a secret shaped like a GUID signs in but warns that it may be the secret's ID")
    func secretLooksLikeID() throws {
        let plan = try plan(config: [
            ("ext.cred.azure.tenant_id", Samples.tenant),
            ("ext.cred.azure.client_id", Samples.client),
            ("ext.cred.azure.secret_key", "9f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b"),
        ])

        #expect(plan.mode == .clientSecret)
        #expect(plan.findings.map(\.code) == [.configSecretLooksLikeID])
        #expect(plan.findings.allSatisfy { !$0.message.contains("9f1c2d3e") })
    }

    // MARK: - Managed identity

    @Test("no secret anywhere selects the VM's system-assigned identity through IMDS")
    func systemAssigned() throws {
        let plan = try plan(config: [("ext.cred.azure.vault_name", "kv-contoso-disc")])
        guard case .managedIdentity(let identity) = plan.method else {
            Issue.record("expected managed identity, got \(plan.mode)")
            return
        }

        #expect(plan.mode == .imdsManagedIdentity)
        #expect(identity.endpoint == .imds(URL(string: "http://169.254.169.254")!))
        #expect(identity.clientID == nil)
        #expect(identity.resource == "https://vault.azure.net")
        #expect(plan.considerations.map(\.isChosen) == [false, false, false, false, false, true])
        #expect(plan.considerations[1].reason.hasPrefix("no client secret"))
        #expect(plan.considerations[4].reason.hasPrefix("no Azure Arc agent: "))
        #expect(plan.findings.isEmpty)
    }

    @Test("a client ID without a secret names a user-assigned identity")
    func userAssigned() throws {
        let plan = try plan(config: [("ext.cred.azure.client_id", Samples.client)])
        guard case .managedIdentity(let identity) = plan.method else {
            Issue.record("expected managed identity, got \(plan.mode)")
            return
        }

        #expect(identity.clientID?.value == Samples.client)
        #expect(plan.summary.contains("user-assigned identity with client ID \(Samples.client) (config.xml line 8)"))
    }

    @Test("IDENTITY_ENDPOINT and IDENTITY_HEADER select the App Service identity")
    func appService() throws {
        let plan = try plan(environment: [
            "IDENTITY_ENDPOINT": "http://127.0.0.1:41741/msi/token", "IDENTITY_HEADER": Samples.identityHeaderCanary,
        ])

        #expect(plan.mode == .appServiceManagedIdentity)
        #expect(plan.considerations.map(\.isChosen) == [false, false, false, true, false, false])
        #expect(plan.explanation.allSatisfy { !$0.contains(Samples.identityHeaderCanary) })
    }

    @Test("a sovereign scope changes the managed identity resource")
    func sovereignResource() throws {
        let plan = try plan(config: [("ext.cred.azure.endpoint_scope", "https://vault.usgovcloudapi.net/.default")])
        guard case .managedIdentity(let identity) = plan.method else {
            Issue.record("expected managed identity")
            return
        }

        #expect(identity.resource == "https://vault.usgovcloudapi.net")
    }

    @Test("an encrypted client ID without a secret is an encrypted value, not the system-assigned identity")
    func encryptedClientForManagedIdentity() throws {
        let error = try planError(config: [("ext.cred.azure.client_id", Samples.v2Encrypted)])

        #expect(error.code == .configEncryptedValue)
        #expect(error.evidence("parameter") == "ext.cred.azure.client_id")
        #expect(error.fix.contains("AZURE_CLIENT_ID"))
    }

    @Test("a placeholder or malformed client ID without a secret is rejected")
    func badClientForManagedIdentity() throws {
        let placeholder = try planError(config: [("ext.cred.azure.client_id", "&lt;client_id&gt;")])
        let malformed = try planError(environment: ["AZURE_CLIENT_ID": "my-managed-identity"])

        #expect(placeholder.code == .configPlaceholder)
        #expect(malformed.code == .configInvalidGUID)
    }

    @Test("a tenant ID with no secret is noted as unused by managed identity")
    func tenantWithoutSecret() throws {
        let plan = try plan(config: [
            ("ext.cred.azure.tenant_id", Samples.tenant), ("ext.cred.azure.client_id", Samples.client),
        ])

        #expect(plan.mode == .imdsManagedIdentity)
        #expect(plan.findings.map(\.severity) == [.note])
        #expect(plan.findings[0].message.hasPrefix("ext.cred.azure.tenant_id is set (config.xml line 8)"))
    }

    @Test("the explanation starts with the summary and lists each mode with its reason")
    func explanation() throws {
        let plan = try plan()

        #expect(plan.explanation.count == 7)
        #expect(plan.explanation[0] == plan.summary)
        #expect(plan.explanation[1].hasPrefix("client certificate: skipped; no client certificate"))
        #expect(plan.explanation[2].hasPrefix("client secret: skipped; no client secret"))
        #expect(plan.explanation[6].hasPrefix("managed identity (IMDS): used; "))
    }
}
