/// Where a request goes, decided by its `Host` header (and, on loopback, its path).
enum Route: Sendable, Equatable {
    /// A vault host: `{name}.{cloud suffix}`.
    case vault(name: String, cloud: AzureCloud)
    /// An Entra ID login host of a cloud.
    case login(AzureCloud)
    /// The instance metadata service.
    case imds
    /// The App Service identity endpoint.
    case appService
    /// The Azure Arc agent's identity endpoint.
    case arc
    /// A host the emulator does not serve.
    case unknown

    /// The addresses that mean "this machine" and carry local identity endpoints.
    static let loopbackHosts: Set<String> = ["localhost", "127.0.0.1", "::1"]

    /// The IMDS address.
    static let imdsHost = "169.254.169.254"

    /// Routes `host` (lower-case, no port); `path` decides among loopback endpoints, where
    /// `/metadata/` means the Arc agent when `arcServed`, else IMDS.
    init(host: String, path: String, arcServed: Bool = false) {
        if host == Self.imdsHost {
            self = .imds
        } else if Self.loopbackHosts.contains(host) {
            let local = Self.loopback(path: path)
            self = local == .imds && arcServed ? .arc : local
        } else if let cloud = AzureCloud.forLoginHost(host) {
            self = .login(cloud)
        } else if let (name, cloud) = Self.vault(host: host) {
            self = .vault(name: name, cloud: cloud)
        } else {
            self = .unknown
        }
    }

    /// The host kind fault switches scope by; `nil` for unknown hosts.
    var hostKind: EmulatorFaults.HostKind? {
        switch self {
        case .vault: .vault
        case .login: .login
        case .imds, .appService, .arc: .imds
        case .unknown: nil
        }
    }

    private static func loopback(path: String) -> Route {
        if path.hasPrefix("/msi/token") {
            return .appService
        }
        if path.hasPrefix("/metadata/") {
            return .imds
        }
        return .login(.public)
    }

    private static func vault(host: String) -> (String, AzureCloud)? {
        for cloud in AzureCloud.allCases where host.hasSuffix("." + cloud.vaultSuffix) {
            let name = String(host.dropLast(cloud.vaultSuffix.count + 1))
            return name.contains(".") || name.isEmpty ? nil : (name, cloud)
        }
        return nil
    }
}
