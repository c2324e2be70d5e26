import Foundation
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
    /// Hosts that bypass the proxy, always including ``alwaysBypassedHosts``.
    public var noProxy: Setting<[String]>
    /// The instance metadata service base URL.
    public var imdsEndpoint: Setting<URL>
    /// The App Service identity endpoint, when both of its variables are set.
    public var appServiceIdentity: Setting<AppServiceIdentity>?
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
