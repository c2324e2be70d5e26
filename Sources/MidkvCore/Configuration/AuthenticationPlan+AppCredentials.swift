import Foundation
import MidkvSupport

extension AuthenticationPlan {
    // MARK: - Client certificate

    static func certificatePlan(_ settings: Settings, files: ClientCertificateFiles) throws -> AuthenticationPlan {
        let path = files.certificatePath
        let credential = Credential(phrase: "a client certificate", source: path.source, purpose: "certificate sign-in")
        let (tenant, client) = try requireIdentifiers(settings, for: credential)
        try validateTenant(tenant)
        try validateClientID(client, role: "application (client) ID")
        try validatePath(path, what: "client certificate path")
        if let keyPath = files.keyPath {
            try validatePath(keyPath, what: "client certificate key path")
        }

        let tokenURL = try tokenURL(settings, tenant: tenant)
        let certificate = Certificate(
            tenantID: tenant,
            clientID: client,
            files: files,
            algorithm: settings.assertionAlgorithm,
            tokenURL: tokenURL,
            scope: settings.scope.value
        )
        let key = files.keyPath.map { ", key in \($0.value) (\($0.source))" } ?? ""
        return AuthenticationPlan(
            method: .clientCertificate(certificate),
            considerations: considerations(
                settings,
                chosen: .clientCertificate,
                reason: "a client certificate is set (\(path.source)) together with a tenant and client ID"
            ),
            findings: ignoredCredentials(settings, chosen: .clientCertificate),
            summary: "Certificate sign-in as \(client.value) (\(client.source)) in tenant \(tenant.value) "
                + "(\(tenant.source)) with the certificate in \(path.value) (\(path.source))\(key), "
                + "\(settings.assertionAlgorithm.value) assertions, token URL \(tokenURL.absoluteString), "
                + "scope \(settings.scope.value)."
        )
    }

    // MARK: - Workload identity

    static func workloadIdentityPlan(_ settings: Settings, tokenFile: Setting<String>) throws -> AuthenticationPlan {
        let credential = Credential(
            phrase: "a federated token file",
            source: tokenFile.source,
            purpose: "workload identity sign-in"
        )
        let (tenant, client) = try requireIdentifiers(settings, for: credential)
        try validateTenant(tenant)
        try validateClientID(client, role: "client ID that trusts the federated token")
        try validatePath(tokenFile, what: "federated token file path")

        let tokenURL = try tokenURL(settings, tenant: tenant)
        let identity = WorkloadIdentity(
            tenantID: tenant,
            clientID: client,
            tokenFile: tokenFile,
            tokenURL: tokenURL,
            scope: settings.scope.value
        )
        return AuthenticationPlan(
            method: .workloadIdentity(identity),
            considerations: considerations(
                settings,
                chosen: .workloadIdentity,
                reason: "a federated token file is set (\(tokenFile.source)) together with a tenant and client ID"
            ),
            findings: ignoredCredentials(settings, chosen: .workloadIdentity),
            summary: "Workload identity sign-in as \(client.value) (\(client.source)) in tenant \(tenant.value) "
                + "(\(tenant.source)) with the federated token in \(tokenFile.value) (\(tokenFile.source)), "
                + "token URL \(tokenURL.absoluteString), scope \(settings.scope.value)."
        )
    }
}
