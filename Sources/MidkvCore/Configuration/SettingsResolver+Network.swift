import Foundation
import MidkvSupport

extension SettingsResolver {
    /// The IMDS base URL: flag, `MIDKV_IMDS_ENDPOINT`, `AZURE_POD_IDENTITY_AUTHORITY_HOST`,
    /// default.
    mutating func resolveIMDSEndpoint() throws -> Setting<URL> {
        guard let candidate = lookup(.imdsEndpoint) else {
            return Setting(URL(string: Settings.defaultIMDSEndpoint)!, source: .default)
        }
        return Setting(try Self.endpointURL(candidate), source: candidate.source)
    }

    /// The App Service identity endpoint, when `IDENTITY_ENDPOINT` and `IDENTITY_HEADER` are
    /// both set.
    func resolveAppServiceIdentity() throws -> Setting<Settings.AppServiceIdentity>? {
        let endpoint = environmentCandidate(names: SettingKey.identityEndpoint.environmentVariables)
        let header = environmentCandidate(names: SettingKey.identityHeader.environmentVariables)
        guard let endpoint, let header else {
            return nil
        }

        let identity = Settings.AppServiceIdentity(
            endpoint: try Self.endpointURL(endpoint),
            header: Secret(header.text)
        )
        return Setting(identity, source: endpoint.source)
    }

    /// The loopback `HOST:PORT` all connections go to, if set.
    mutating func resolveConnectTo() throws -> Setting<String>? {
        guard let candidate = lookup(.connectTo) else {
            return nil
        }

        let text = candidate.text.trimmingCharacters(in: .whitespaces)
        guard LoopbackAddress.isLoopbackHostPort(text) else {
            throw Self.invalidValue(
                candidate.source,
                shown: candidate.text,
                problem: "is not a loopback address and port",
                fix: "Give HOST:PORT with a loopback address, such as 127.0.0.1:8443 or [::1]:8443."
            )
        }
        return Setting(text, source: candidate.source)
    }

    /// The CA bundle path, if set; it must be readable and hold at least one PEM certificate.
    mutating func resolveCAFile() throws -> Setting<String>? {
        guard let candidate = lookup(.caFile) else {
            return nil
        }

        let data: Data
        do {
            data = try fileReader.read(candidate.text)
        } catch {
            throw Self.unusableFile(
                candidate.source,
                path: candidate.text,
                problem: "cannot be read: \(error)",
                fix: "Give the path of a readable PEM file of CA certificates."
            )
        }
        guard Self.holdsPEMCertificate(data) else {
            throw Self.unusableFile(
                candidate.source,
                path: candidate.text,
                problem: "holds no PEM certificate (no -----BEGIN CERTIFICATE----- line)",
                fix: """
                    Give a PEM file of CA certificates; convert a DER certificate with \
                    `openssl x509 -inform der -in ca.cer -out ca.pem`.
                    """
            )
        }
        return setting(candidate)
    }

    /// Whether `data` has a certificate block in one of the PEM forms OpenSSL loads as a CA.
    private static func holdsPEMCertificate(_ data: Data) -> Bool {
        let text = String(decoding: data, as: UTF8.self)
        let headers = ["CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CERTIFICATE"].map { "-----BEGIN \($0)-----" }
        return headers.contains { text.contains($0) }
    }

    /// The time budget: flag, environment, default; positive seconds.
    mutating func resolveTimeout() throws -> Setting<Duration> {
        guard let candidate = lookup(.timeout) else {
            return Setting(Settings.defaultTimeout, source: .default)
        }

        guard let seconds = Double(candidate.text.trimmingCharacters(in: .whitespaces)), seconds.isFinite,
            seconds >= 0.001, seconds <= 86_400
        else {
            throw Self.invalidValue(
                candidate.source,
                shown: candidate.text,
                problem: "is not a number of seconds from 0.001 to 86400",
                fix: "Give the time budget in seconds, such as 60 or 2.5."
            )
        }
        return Setting(.milliseconds(Int64((seconds * 1000).rounded())), source: candidate.source)
    }

    private static func endpointURL(_ candidate: Candidate) throws -> URL {
        guard webHost(of: candidate.text) != nil, let url = URL(string: candidate.text) else {
            throw invalidValue(
                candidate.source,
                shown: candidate.text,
                problem: "is not an absolute http or https URL",
                fix: "Give the endpoint as a URL, such as \(Settings.defaultIMDSEndpoint)."
            )
        }
        return url
    }
}
