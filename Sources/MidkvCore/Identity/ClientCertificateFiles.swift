import MidkvSupport

/// Where a client certificate and its private key are, and the passphrase of an encrypted key.
///
/// Certificate sign-in reads the files at every token request, so a renewed certificate
/// installed in place is picked up without a restart.
public struct ClientCertificateFiles: Sendable {
    /// The PEM file with the certificate, and with the private key unless ``keyPath`` is set.
    public var certificatePath: Setting<String>
    /// A separate PEM file with the private key, when the certificate file has none.
    public var keyPath: Setting<String>?
    /// The passphrase of an encrypted private key.
    public var passphrase: Setting<Secret>?

    /// Creates a description of the files.
    public init(certificatePath: Setting<String>, keyPath: Setting<String>? = nil, passphrase: Setting<Secret>? = nil) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.passphrase = passphrase
    }

    /// The file that holds the private key.
    public var keyFile: Setting<String> {
        keyPath ?? certificatePath
    }

    /// The files as evidence: paths and the settings that named them, never the passphrase.
    public var evidence: [Evidence] {
        var items = [
            Evidence("certificate file", certificatePath.value),
            Evidence("certificate file from", certificatePath.source.description),
        ]
        if let keyPath {
            items += [Evidence("key file", keyPath.value), Evidence("key file from", keyPath.source.description)]
        }
        if let passphrase {
            items.append(Evidence("passphrase from", passphrase.source.description))
        }
        return items
    }
}
