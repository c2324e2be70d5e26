import Foundation
import MidkvCrypto
import MidkvSupport
import MidkvTransport

/// The effective settings midkv runs with, each remembering where it came from.
///
/// Build them with ``resolve(flags:environment:configFilePath:fileReader:logger:)``. Every key
/// is looked up as command-line flag, then environment variable, then config.xml, then
/// default; ``SettingKey`` lists the names. Secrets are held as ``Secret``. Values the MID
/// encrypted in config.xml are listed in ``encryptedValues`` rather than used.
public struct Settings: Sendable {
    /// An App Service (or Functions) managed identity endpoint.
    public struct AppServiceIdentity: Sendable, Hashable {
        /// `IDENTITY_ENDPOINT`, the local token endpoint.
        public var endpoint: URL
        /// `IDENTITY_HEADER`, sent as `X-IDENTITY-HEADER`.
        public var header: Secret

        /// Creates an endpoint description.
        public init(endpoint: URL, header: Secret) {
            self.endpoint = endpoint
            self.header = header
        }
    }

    /// The Azure Arc agent's identity endpoint, when Arc sign-in is possible.
    public struct ArcIdentity: Sendable, Hashable {
        /// `IDENTITY_ENDPOINT`, or the agent's standard endpoint when only the agent's binary
        /// revealed it.
        public var endpoint: URL
        /// The only folder the agent's key files may be read from.
        public var tokensFolder: String
        /// `IMDS_ENDPOINT`, the agent's metadata endpoint, when set.
        public var metadataEndpoint: URL?

        /// Creates an endpoint description.
        public init(endpoint: URL, tokensFolder: String, metadataEndpoint: URL? = nil) {
            self.endpoint = endpoint
            self.tokensFolder = tokensFolder
            self.metadataEndpoint = metadataEndpoint
        }
    }

    /// Where the Azure Arc agent keeps its files: fixed on real hosts, moved by tests.
    public struct ArcAgentLocations: Sendable, Hashable {
        /// The agent binary whose presence marks an Arc-enabled host.
        public var himdsPath: String
        /// The folder the agent writes its key files into.
        public var tokensFolder: String

        /// Creates locations; the agent's own paths unless given.
        public init(
            himdsPath: String = ArcManagedIdentityTokenSource.standardHIMDSPath,
            tokensFolder: String = ArcManagedIdentityTokenSource.standardTokensFolder
        ) {
            self.himdsPath = himdsPath
            self.tokensFolder = tokensFolder
        }

        /// The agent's own paths on Linux.
        public static let standard = ArcAgentLocations()
    }

    /// The token URL template used when nothing sets one.
    public static let defaultTokenURLTemplate = AzureCloud.publicCloud.tokenURLTemplate
    /// The scope used when nothing sets one.
    public static let defaultScope = AzureCloud.publicCloud.defaultScope
    /// The Key Vault API version used when nothing sets one.
    public static let defaultKeyVaultAPIVersion = "7.4"
    /// The instance metadata service address used when nothing sets one.
    public static let defaultIMDSEndpoint = "http://169.254.169.254"
    /// The proxy port used when `mid.proxy.port` or the proxy URL gives none.
    public static let defaultProxyPort = 80
    /// The time budget of one resolution when nothing sets one.
    public static let defaultTimeout: Duration = .seconds(60)
    /// Hosts that always bypass the proxy: the metadata service and loopback.
    public static let alwaysBypassedHosts = ["169.254.169.254", "localhost", "127.0.0.1"]
    /// The environment variable holding an Entra ID authority host such as
    /// `https://login.microsoftonline.us`; it sets the token URL when nothing else does.
    public static let authorityHostVariable = "AZURE_AUTHORITY_HOST"

    /// The tenant ID, if any source gives one.
    public var tenantID: Setting<String>?
    /// The client ID, if any source gives one.
    public var clientID: Setting<String>?
    /// The client secret, if any source gives one.
    public var clientSecret: Setting<Secret>?
    /// The client certificate's PEM file, if any source gives one.
    public var clientCertificatePath: Setting<String>?
    /// A separate PEM file with the client certificate's private key, if any source gives one.
    public var clientCertificateKeyPath: Setting<String>?
    /// The passphrase of the client certificate's private key, if any source gives one.
    public var clientCertificatePassphrase: Setting<Secret>?
    /// The signature algorithm of client assertions.
    public var assertionAlgorithm: Setting<JWSAlgorithm>
    /// The federated token file of workload identity federation, if any source gives one.
    public var federatedTokenFile: Setting<String>?
    /// The default vault's name, if any source gives one.
    public var vaultName: Setting<String>?
    /// The token URL with `%s` where the tenant goes.
    public var tokenURLTemplate: Setting<String>
    /// The token scope.
    public var scope: Setting<String>
    /// The DNS suffix of vault hosts.
    public var vaultSuffix: Setting<String>
    /// The Key Vault REST API version.
    public var keyVaultAPIVersion: Setting<String>
    /// The one effective proxy, or `nil` for a direct connection, with the source that decided.
    public var proxy: Setting<TransportConfiguration.Proxy?>
    /// Where the proxy's user name came from, when it has one: the proxy URL's flag or variable,
    /// or the line of `mid.proxy.username`.
    public var proxyUsernameSource: SettingSource?
    /// Where the proxy's password came from, when it has one: the proxy URL's flag or variable,
    /// or the line of `mid.proxy.password`.
    public var proxyPasswordSource: SettingSource?
    /// Hosts that bypass the proxy, always including ``alwaysBypassedHosts``.
    public var noProxy: Setting<[String]>
    /// The instance metadata service base URL.
    public var imdsEndpoint: Setting<URL>
    /// The App Service identity endpoint, when both of its variables are set.
    public var appServiceIdentity: Setting<AppServiceIdentity>?
    /// The Azure Arc agent's identity endpoint, when `IDENTITY_ENDPOINT` and `IMDS_ENDPOINT`
    /// are set or the agent is installed.
    public var arcIdentity: Setting<ArcIdentity>?
    /// `IDENTITY_ENDPOINT`, `IDENTITY_HEADER` and `IMDS_ENDPOINT` as set, whether or not an
    /// identity above uses them.
    public var identityVariables: IdentityVariables
    /// Where the Azure Arc agent's files are looked for.
    public var arcAgent: ArcAgentLocations
    /// The loopback `HOST:PORT` to connect to instead of the real hosts, if set.
    public var connectTo: Setting<String>?
    /// The CA bundle to trust instead of the system store, if set.
    public var caFile: Setting<String>?
    /// The time budget of one resolution.
    public var timeout: Setting<Duration>
    /// The config.xml the settings were read from, if one was given.
    public var configFile: MIDConfigFile?
    /// Every config.xml value midkv could not use because the MID encrypted it.
    public var encryptedValues: [EncryptedConfigValue]
    /// Remarks made while resolving, such as an encrypted value with no replacement.
    public var notes: [String]

    /// The client certificate's files, when a certificate is configured.
    public var clientCertificateFiles: ClientCertificateFiles? {
        clientCertificatePath.map { path in
            ClientCertificateFiles(
                certificatePath: path,
                keyPath: clientCertificateKeyPath,
                passphrase: clientCertificatePassphrase
            )
        }
    }

    /// The encrypted config.xml value recorded for `key`, if any.
    public func encryptedValue(for key: SettingKey) -> EncryptedConfigValue? {
        encryptedValues.first { $0.key == key }
    }

    /// The cloud the scope belongs to, when it is a known one.
    public var scopeCloud: AzureCloud? {
        AzureCloud.forResource(scope.value)
    }

    /// The cloud of the token URL's login host, when it is a known one.
    public var tokenCloud: AzureCloud? {
        AzureCloud.forLoginURL(tokenURLTemplate.value)
    }

    /// The token URL for `tenant`: the template with `%s` replaced.
    public func tokenURL(tenant: String) -> URL? {
        URL(string: tokenURLTemplate.value.replacingOccurrences(of: "%s", with: tenant))
    }

    /// The transport configuration these settings call for.
    public func transportConfiguration(userAgent: String = "midkv") -> TransportConfiguration {
        TransportConfiguration(
            connectTo: connectTo?.value,
            caFile: caFile?.value,
            proxy: proxy.value,
            noProxy: noProxy.value,
            userAgent: userAgent
        )
    }
}
