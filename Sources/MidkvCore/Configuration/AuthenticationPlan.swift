import Foundation
import MidkvCrypto
import MidkvSupport

/// How midkv will obtain its Key Vault token, and why.
///
/// The rules follow what an administrator expects, in this order:
/// - a client certificate from any source selects certificate sign-in, which then needs the
///   tenant and client ID too;
/// - otherwise a client secret from any source selects client-secret sign-in, with the same
///   needs; midkv never falls back to another mode while a certificate or secret is set;
/// - otherwise a federated token file (`AZURE_FEDERATED_TOKEN_FILE`, as on Kubernetes)
///   selects workload identity federation, with the tenant and client ID;
/// - with none of these, managed identity is used: App Service when `IDENTITY_ENDPOINT` and
///   `IDENTITY_HEADER` are set, Azure Arc when `IDENTITY_ENDPOINT` and `IMDS_ENDPOINT` are set
///   or the Arc agent is installed, otherwise the VM's instance metadata service; a client ID
///   then names a user-assigned identity (Arc has only the machine's own identity);
/// - values only present in encrypted form, placeholders and malformed IDs stop the plan with
///   an error that names the parameter and the fix.
///
/// The plan keeps, for `midkv config show`, every mode it considered and why each one was
/// chosen or skipped.
public struct AuthenticationPlan: Sendable {
    /// The ways midkv can authenticate, in the order they are considered.
    public enum Mode: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// An app registration's certificate: a signed client assertion instead of a secret.
        case clientCertificate = "client certificate"
        /// An app registration's client secret, sent to the Entra ID token endpoint.
        case clientSecret = "client secret"
        /// Workload identity federation: a platform's token (such as Kubernetes') as assertion.
        case workloadIdentity = "workload identity (federated token)"
        /// The App Service or Functions managed identity endpoint.
        case appServiceManagedIdentity = "managed identity (App Service)"
        /// The managed identity of an Azure Arc-enabled server, through the Arc agent.
        case arcManagedIdentity = "managed identity (Azure Arc)"
        /// The managed identity of an Azure VM, through the instance metadata service.
        case imdsManagedIdentity = "managed identity (IMDS)"

        public var description: String {
            rawValue
        }
    }

    /// The chosen method with the values it uses.
    public enum Method: Sendable {
        /// Certificate sign-in.
        case clientCertificate(Certificate)
        /// Client-secret sign-in.
        case clientSecret(ClientSecret)
        /// Workload identity federation.
        case workloadIdentity(WorkloadIdentity)
        /// Managed identity.
        case managedIdentity(ManagedIdentity)

        /// The mode this method belongs to.
        public var mode: Mode {
            switch self {
            case .clientCertificate: .clientCertificate
            case .clientSecret: .clientSecret
            case .workloadIdentity: .workloadIdentity
            case .managedIdentity(let identity): identity.endpoint.mode
            }
        }
    }

    /// What certificate sign-in uses.
    public struct Certificate: Sendable {
        /// The tenant, a GUID or domain.
        public var tenantID: Setting<String>
        /// The application (client) ID.
        public var clientID: Setting<String>
        /// The certificate, key and passphrase files.
        public var files: ClientCertificateFiles
        /// The signature algorithm of the client assertions.
        public var algorithm: Setting<JWSAlgorithm>
        /// The token endpoint for this tenant, also the assertions' audience.
        public var tokenURL: URL
        /// The scope requested.
        public var scope: String
    }

    /// What workload identity federation uses.
    public struct WorkloadIdentity: Sendable {
        /// The tenant, a GUID or domain.
        public var tenantID: Setting<String>
        /// The client ID of the app or user-assigned identity that trusts the token.
        public var clientID: Setting<String>
        /// The federated token file.
        public var tokenFile: Setting<String>
        /// The token endpoint for this tenant.
        public var tokenURL: URL
        /// The scope requested.
        public var scope: String
    }

    /// What client-secret sign-in sends.
    public struct ClientSecret: Sendable {
        /// The tenant, a GUID or domain.
        public var tenantID: Setting<String>
        /// The application (client) ID.
        public var clientID: Setting<String>
        /// The client secret.
        public var secret: Setting<Secret>
        /// The token endpoint for this tenant.
        public var tokenURL: URL
        /// The scope requested.
        public var scope: String
    }

    /// What a managed identity request uses.
    public struct ManagedIdentity: Sendable {
        /// Where the token comes from.
        public enum Endpoint: Sendable, Hashable {
            /// The instance metadata service at this base URL.
            case imds(URL)
            /// The App Service endpoint and its header value.
            case appService(URL, header: Secret)
            /// The Azure Arc agent's endpoint and the folder its key files must be in.
            case arc(URL, tokensFolder: String)

            /// The mode of this endpoint.
            public var mode: Mode {
                switch self {
                case .imds: .imdsManagedIdentity
                case .appService: .appServiceManagedIdentity
                case .arc: .arcManagedIdentity
                }
            }

            /// The endpoint URL.
            public var url: URL {
                switch self {
                case .imds(let url), .appService(let url, _), .arc(let url, _): url
                }
            }
        }

        /// The endpoint.
        public var endpoint: Endpoint
        /// The user-assigned identity's client ID, or `nil` for the system-assigned identity.
        public var clientID: Setting<String>?
        /// The resource requested: the scope without `/.default`.
        public var resource: String
    }

    /// One mode the plan looked at.
    public struct Consideration: Sendable, Hashable {
        /// The mode.
        public var mode: Mode
        /// Whether this is the mode used.
        public var isChosen: Bool
        /// Why it was chosen or skipped.
        public var reason: String

        /// Creates a consideration.
        public init(mode: Mode, isChosen: Bool, reason: String) {
            self.mode = mode
            self.isChosen = isChosen
            self.reason = reason
        }
    }

    /// The chosen method.
    public var method: Method
    /// Every mode considered, in the order midkv checks them.
    public var considerations: [Consideration]
    /// Remarks that do not stop the plan, such as a secret shaped like a secret ID.
    public var findings: [Finding]
    /// One sentence naming the chosen method and the values' sources.
    public var summary: String

    /// The chosen mode.
    public var mode: Mode {
        method.mode
    }

    /// Text for `midkv config show`: the summary, each consideration, then each finding.
    public var explanation: [String] {
        let modes = considerations.map { consideration in
            "\(consideration.mode): \(consideration.isChosen ? "used" : "skipped"); \(consideration.reason)"
        }
        let remarks = findings.map { "\($0.severity): \($0.message)" }
        return [summary] + modes + remarks
    }
}
