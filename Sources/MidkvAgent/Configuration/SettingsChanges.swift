import MidkvCore

/// Which of midkv's settings differ between two resolutions, by name only.
///
/// Values are compared in memory and never returned, so the names can be logged even when the
/// setting is a secret.
enum SettingsChanges {
    private typealias Comparison = (name: String, isEqual: @Sendable (Settings, Settings) -> Bool)

    private static let comparisons: [Comparison] = [
        (SettingKey.tenantID.name, { $0.tenantID?.value == $1.tenantID?.value }),
        (SettingKey.clientID.name, { $0.clientID?.value == $1.clientID?.value }),
        (SettingKey.clientSecret.name, { $0.clientSecret?.value == $1.clientSecret?.value }),
        (SettingKey.vaultName.name, { $0.vaultName?.value == $1.vaultName?.value }),
        (SettingKey.tokenURLTemplate.name, { $0.tokenURLTemplate.value == $1.tokenURLTemplate.value }),
        (SettingKey.scope.name, { $0.scope.value == $1.scope.value }),
        (SettingKey.vaultSuffix.name, { $0.vaultSuffix.value == $1.vaultSuffix.value }),
        (SettingKey.keyVaultAPIVersion.name, { $0.keyVaultAPIVersion.value == $1.keyVaultAPIVersion.value }),
        (SettingKey.proxy.name, { $0.proxy.value == $1.proxy.value }),
        (SettingKey.noProxy.name, { $0.noProxy.value == $1.noProxy.value }),
        (SettingKey.imdsEndpoint.name, { $0.imdsEndpoint.value == $1.imdsEndpoint.value }),
        (SettingKey.identityEndpoint.name, { $0.appServiceIdentity?.value == $1.appServiceIdentity?.value }),
        (SettingKey.connectTo.name, { $0.connectTo?.value == $1.connectTo?.value }),
        (SettingKey.caFile.name, { $0.caFile?.value == $1.caFile?.value }),
        (SettingKey.timeout.name, { $0.timeout.value == $1.timeout.value }),
    ]

    /// The names of the settings whose values differ, in catalogue order.
    static func names(from old: Settings, to new: Settings) -> [String] {
        comparisons.filter { !$0.isEqual(old, new) }.map(\.name)
    }
}
