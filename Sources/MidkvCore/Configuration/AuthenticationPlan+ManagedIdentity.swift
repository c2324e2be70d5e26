import Foundation
import MidkvSupport

extension AuthenticationPlan {
    static func managedIdentityPlan(_ settings: Settings) throws -> AuthenticationPlan {
        if settings.clientID == nil, let encrypted = unavailable(.clientID, in: settings) {
            throw encryptedError([encrypted], purpose: "choosing the user-assigned managed identity")
        }

        let endpoint = managedIdentityEndpoint(settings)
        if let client = settings.clientID, endpoint.mode != .arcManagedIdentity {
            try validateClientID(client, role: "managed identity client ID")
        }

        let identity = ManagedIdentity(
            endpoint: endpoint,
            clientID: endpoint.mode == .arcManagedIdentity ? nil : settings.clientID,
            resource: resource(ofScope: settings.scope.value)
        )
        return AuthenticationPlan(
            method: .managedIdentity(identity),
            considerations: considerations(settings, chosen: endpoint.mode, reason: chosenReason(settings, endpoint)),
            findings: managedIdentityFindings(settings, endpoint: endpoint)
                + ignoredCredentials(settings, chosen: endpoint.mode),
            summary: managedIdentitySummary(identity)
        )
    }

    private static func managedIdentityEndpoint(_ settings: Settings) -> ManagedIdentity.Endpoint {
        if let appService = settings.appServiceIdentity?.value {
            return .appService(appService.endpoint, header: appService.header)
        }
        if let arc = settings.arcIdentity?.value {
            return .arc(arc.endpoint, tokensFolder: arc.tokensFolder)
        }
        return .imds(settings.imdsEndpoint.value)
    }

    private static func chosenReason(_ settings: Settings, _ endpoint: ManagedIdentity.Endpoint) -> String {
        switch endpoint {
        case .appService(let url, _):
            return "IDENTITY_ENDPOINT and IDENTITY_HEADER are set (\(url.absoluteString))"
        case .arc(let url, _):
            guard case .environment = settings.arcIdentity?.source else {
                return "the Azure Arc agent is installed (\(settings.arcAgent.himdsPath)); its endpoint "
                    + "\(url.absoluteString) is asked"
            }
            return "IDENTITY_ENDPOINT and IMDS_ENDPOINT are set (\(url.absoluteString))"
        case .imds:
            return "no other sign-in is configured; the instance metadata service at "
                + "\(settings.imdsEndpoint.value.absoluteString) (\(settings.imdsEndpoint.source)) is asked"
        }
    }

    private static func managedIdentityFindings(_ settings: Settings, endpoint: ManagedIdentity.Endpoint) -> [Finding] {
        var findings: [Finding] = []
        if let source = settings.tenantID?.source ?? unavailable(.tenantID, in: settings)?.source {
            findings.append(
                Finding(
                    check: "config",
                    severity: .note,
                    code: .configMissingParameter,
                    message: "ext.cred.azure.tenant_id is set (\(source)) but managed identity does not use it; "
                        + "without a client certificate, client secret or federated token midkv signs in with "
                        + "managed identity",
                    evidence: [Evidence("source", source.description)],
                    fix: "To sign in with the app registration instead, supply its certificate "
                        + "(\(SettingKey.clientCertificate.supplyHint)) or its client secret "
                        + "(\(SettingKey.clientSecret.supplyHint))."
                )
            )
        }

        if case .arc = endpoint, let client = settings.clientID {
            findings.append(
                Finding(
                    check: "config",
                    severity: .warning,
                    code: .configCredentialIgnored,
                    message: "the client ID \(client.value) (\(client.source)) is not used: Azure Arc gives the "
                        + "machine's own (system-assigned) identity only",
                    evidence: [Evidence("source", client.source.description)],
                    fix: "Grant the vault access to the Arc machine's identity, and remove the client ID; to sign "
                        + "in as an app registration, configure its certificate instead."
                )
            )
        }
        return findings
    }

    private static func managedIdentitySummary(_ identity: ManagedIdentity) -> String {
        let which =
            identity.clientID.map { "the user-assigned identity with client ID \($0.value) (\($0.source))" }
            ?? "the system-assigned identity"
        let endpoint =
            switch identity.endpoint {
            case .imds(let url): "the instance metadata service at \(url.absoluteString)"
            case .appService(let url, _): "the App Service identity endpoint \(url.absoluteString)"
            case .arc(let url, _): "the Azure Arc agent at \(url.absoluteString)"
            }
        return "Managed identity sign-in with \(which) through \(endpoint), resource \(identity.resource)."
    }
}
