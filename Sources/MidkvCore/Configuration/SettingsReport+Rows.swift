import Foundation
import MidkvCrypto
import MidkvSupport
import MidkvTransport

extension SettingsReport {
    static func rows(_ settings: Settings) -> [Row] {
        let builder = RowBuilder(settings: settings)
        return [
            builder.text(.tenantID, settings.tenantID),
            builder.text(.clientID, settings.clientID),
            builder.secret(.clientSecret, settings.clientSecret),
            builder.text(.clientCertificate, settings.clientCertificatePath),
            builder.text(.clientCertificateKey, settings.clientCertificateKeyPath),
            builder.secret(.clientCertificatePassphrase, settings.clientCertificatePassphrase),
            builder.text(.assertionAlgorithm, settings.assertionAlgorithm.map(\.rawValue)),
            builder.text(.federatedTokenFile, settings.federatedTokenFile),
            builder.text(.vaultName, settings.vaultName),
            builder.text(.tokenURLTemplate, settings.tokenURLTemplate),
            builder.text(.scope, settings.scope),
            builder.text(.vaultSuffix, settings.vaultSuffix),
            builder.text(.keyVaultAPIVersion, settings.keyVaultAPIVersion),
            builder.proxy(settings.proxy),
            builder.proxyUsername(settings.proxy),
            builder.proxyPassword(settings.proxy),
            builder.text(.noProxy, settings.noProxy.map { $0.joined(separator: ",") }),
            builder.text(.imdsEndpoint, settings.imdsEndpoint.map(\.absoluteString)),
            builder.text(.identityEndpoint, identityEndpoint(settings)),
            builder.secret(.identityHeader, settings.identityVariables.header),
            builder.text(.arcIMDSEndpoint, settings.identityVariables.imdsEndpoint),
            builder.text(.connectTo, settings.connectTo),
            builder.text(.caFile, settings.caFile),
            builder.text(.timeout, settings.timeout.map(Self.seconds)),
        ]
    }

    /// `IDENTITY_ENDPOINT` as set, else the Arc agent's standard endpoint its binary reveals.
    private static func identityEndpoint(_ settings: Settings) -> Setting<String>? {
        settings.identityVariables.endpoint ?? settings.arcIdentity?.map(\.endpoint.absoluteString)
    }

    static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        guard fraction != 0 else {
            return "\(whole) s"
        }
        return "\(Double(whole) + Double(fraction) / 1e18) s"
    }
}

/// Turns settings into rows, replacing secrets and encrypted values.
private struct RowBuilder {
    let settings: Settings

    func text(_ key: SettingKey, _ setting: Setting<String>?) -> SettingsReport.Row {
        guard let setting else {
            return absent(key)
        }
        return row(key, value: setting.value, source: setting.source)
    }

    func secret(_ key: SettingKey, _ setting: Setting<Secret>?) -> SettingsReport.Row {
        guard let setting else {
            return absent(key)
        }
        return row(key, value: SettingsReport.redactedText, source: setting.source, length: setting.value.count)
    }

    func proxy(_ setting: Setting<TransportConfiguration.Proxy?>) -> SettingsReport.Row {
        let value = setting.value.map { "http://\($0.host):\($0.port)" } ?? "none (direct connection)"
        return row(.proxy, value: value, source: setting.source)
    }

    func proxyUsername(_ setting: Setting<TransportConfiguration.Proxy?>) -> SettingsReport.Row {
        guard let username = setting.value?.username else {
            return absent(.proxyUsername)
        }
        return row(.proxyUsername, value: username, source: settings.proxyUsernameSource ?? setting.source)
    }

    func proxyPassword(_ setting: Setting<TransportConfiguration.Proxy?>) -> SettingsReport.Row {
        guard let password = setting.value?.password else {
            return absent(.proxyPassword)
        }
        return row(
            .proxyPassword,
            value: SettingsReport.redactedText,
            source: settings.proxyPasswordSource ?? setting.source,
            length: password.count
        )
    }

    private func row(_ key: SettingKey, value: String, source: SettingSource, length: Int? = nil) -> SettingsReport.Row
    {
        let size = length.map { "\($0) characters" }
        let unused = settings.unusedIdentityVariables.contains(key) ? SettingsReport.unusedNote : nil
        let note = [size, unused].compactMap { $0 }.joined(separator: "; ")
        return SettingsReport.Row(
            name: key.name,
            value: value,
            source: source.description,
            note: note.isEmpty ? nil : note
        )
    }

    private func absent(_ key: SettingKey) -> SettingsReport.Row {
        guard let encrypted = settings.encryptedValue(for: key) else {
            return SettingsReport.Row(
                name: key.name,
                value: SettingsReport.notSetText,
                source: SettingsReport.notSetSource
            )
        }

        return SettingsReport.Row(
            name: key.name,
            value: SettingsReport.encryptedText,
            source: encrypted.source.description
        )
    }
}
