/// One setting midkv reads, with every name it can be given by.
///
/// The flag, environment variable and parameter names are part of midkv's interface. Flags
/// are listed with their dashes; the resolver accepts them with or without.
public struct SettingKey: Sendable, Hashable, CustomStringConvertible {
    /// The name people know the setting by, such as `ext.cred.azure.tenant_id`; used as the
    /// row label of `midkv config show`.
    public let name: String
    /// Command-line flags that set it, highest priority first.
    public let flags: [String]
    /// Environment variables that set it, highest priority first.
    public let environmentVariables: [String]
    /// config.xml parameters that set it, highest priority first.
    public let configParameters: [String]
    /// Whether the value is a secret that must never be shown.
    public let isSecret: Bool
    /// How to supply the value outside config.xml, as a clause: `set AZURE_TENANT_ID or pass
    /// --tenant-id`.
    public let supplyHint: String

    /// Creates a key.
    public init(
        name: String,
        flags: [String] = [],
        environmentVariables: [String] = [],
        configParameters: [String] = [],
        isSecret: Bool = false,
        supplyHint: String
    ) {
        self.name = name
        self.flags = flags
        self.environmentVariables = environmentVariables
        self.configParameters = configParameters
        self.isSecret = isSecret
        self.supplyHint = supplyHint
    }

    public var description: String {
        name
    }

    public static func == (lhs: SettingKey, rhs: SettingKey) -> Bool {
        lhs.name == rhs.name
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
    }
}
