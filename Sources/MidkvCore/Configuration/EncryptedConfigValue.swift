/// A config.xml value that the MID Server encrypted and midkv therefore cannot use.
///
/// Only the MID that wrote `encrypted:…` or `ENCv2[…]` can decrypt it. midkv records each
/// such value for the setting it would have supplied, and whether a flag or environment
/// variable supplies that setting instead.
public struct EncryptedConfigValue: Sendable, Hashable {
    /// The setting the parameter would have supplied.
    public var key: SettingKey
    /// The parameter, with its line; its value is the opaque ciphertext.
    public var parameter: MIDConfigParameter
    /// The config.xml path.
    public var path: String
    /// Which encrypted format the MID used.
    public var encryption: MIDConfigValueForm.Encryption
    /// Whether a flag or environment variable supplies the setting, so nothing is missing.
    public var isSuperseded: Bool

    /// Creates a record.
    public init(
        key: SettingKey,
        parameter: MIDConfigParameter,
        path: String,
        encryption: MIDConfigValueForm.Encryption,
        isSuperseded: Bool
    ) {
        self.key = key
        self.parameter = parameter
        self.path = path
        self.encryption = encryption
        self.isSuperseded = isSuperseded
    }

    /// Where the encrypted value sits.
    public var source: SettingSource {
        .configFile(path: path, line: parameter.line, parameter: parameter.name)
    }

    /// A plain explanation: which parameter is encrypted and how to supply the value instead.
    public var explanation: String {
        let base =
            "\(parameter.name) (\(source)) is encrypted by the MID Server as \(encryption) "
            + "and cannot be read outside the MID"
        guard !isSuperseded else {
            return base + "; midkv uses the value from another source instead."
        }
        return base + "; to give midkv this value, \(key.supplyHint)."
    }
}
