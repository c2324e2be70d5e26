import Foundation
import MidkvCore
import MidkvCrypto
import MidkvTransport

/// The hosts a MID with these settings talks to, and the network check configuration for them.
struct NetworkTargets {
    let settings: Settings
    let plan: AuthenticationPlan?
    let parsed: [CredentialCheck.Parsed]
    let request: Doctor.Request

    /// The vault hosts: the configured vault's, then those the Credential IDs name, lower-case.
    var vaultHosts: [String] {
        let configured = settings.vaultName.map { [$0.value] } ?? []
        let named = parsed.compactMap { $0.id?.vaultName }
        var seen: Set<String> = []
        return (configured + named).filter { KeyVaultName.vault($0).isValid }
            .map { "\($0.lowercased()).\(settings.vaultSuffix.value.lowercased())" }
            .filter { seen.insert($0).inserted }
    }

    /// The Entra ID host, when sign-in uses it (every mode but managed identity, or no plan yet).
    var tokenHost: String? {
        guard let plan else {
            return settings.tokenURL(tenant: "organizations")?.host?.lowercased()
        }
        let host = DoctorRun.identityHost(plan).lowercased()
        return plan.method.isManagedIdentity ? nil : host
    }

    /// Whether sign-in asks the VM's instance metadata service.
    var usesIMDS: Bool {
        plan?.mode == .imdsManagedIdentity
    }

    /// The check's configuration: these hosts, the MID's proxy and its no-proxy list, the CA file
    /// and redirection of the settings.
    func configuration() -> NetworkCheck.Configuration {
        let imds = settings.imdsEndpoint.value
        return NetworkCheck.Configuration(
            tokenHost: tokenHost,
            vaultHosts: vaultHosts,
            checksIMDS: usesIMDS,
            imdsAddress: imds.host ?? "169.254.169.254",
            imdsPort: imds.port ?? 80,
            proxy: settings.proxy.value,
            noProxy: configuredNoProxy,
            caFile: settings.caFile?.value,
            expectedRoots: expectedRoots,
            connectTo: settings.connectTo?.value,
            loopbackOnly: NetworkGuard.isConfined,
            apiVersion: settings.keyVaultAPIVersion.value
        )
    }

    /// The no-proxy entries as configured. midkv itself never proxies the metadata service or
    /// loopback, but the MID follows only what is configured, so those are not added here.
    private var configuredNoProxy: [String] {
        let text = request.environment["no_proxy"] ?? request.environment["NO_PROXY"] ?? ""
        let listed = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        return settings.noProxy.value.filter { host in
            !Settings.alwaysBypassedHosts.contains(host) || listed.contains(host.lowercased())
        }
    }

    /// Azure's public roots; with a redirect to an emulator, also the CA file's own roots.
    private var expectedRoots: [ExpectedRoot] {
        guard settings.connectTo != nil, let path = settings.caFile?.value,
            let pem = try? String(contentsOfFile: path, encoding: .utf8),
            let certificates = try? CertificateInfo.parse(pem: pem)
        else {
            return ExpectedRoot.azure
        }
        return ExpectedRoot.azure + certificates.filter(\.isSelfIssued).map(ExpectedRoot.init(certificate:))
    }
}

extension AuthenticationPlan.Method {
    /// Whether the method is a managed identity, which asks a local endpoint rather than Entra ID.
    var isManagedIdentity: Bool {
        if case .managedIdentity = self {
            return true
        }
        return false
    }
}
