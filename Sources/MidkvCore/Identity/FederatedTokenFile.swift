import Foundation
import MidkvSupport

/// Reads the federated token file of workload identity federation and checks it before use.
///
/// The file is read at every token request: the kubelet (or whatever writes it) replaces the
/// token well before it expires, so the next request always presents the current one.
enum FederatedTokenFile {
    /// The token and its unverified claims.
    ///
    /// - Throws: ``MidkvError`` with `identity.federated-token-missing`,
    ///   `identity.federated-token-empty`, `identity.federated-token-malformed` or
    ///   `identity.federated-token-expired` (showing the token's expiry and the local time).
    static func read(
        _ path: Setting<String>,
        reader: ConfigurationFileReader,
        now: Date
    ) throws(MidkvError) -> (token: Secret, claims: FederatedTokenClaims) {
        let data: Data
        do {
            data = try reader.read(path.value)
        } catch {
            throw missing(path, problem: "\(error)")
        }

        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw empty(path)
        }

        let token = Secret(text)
        guard let claims = FederatedTokenClaims(decoding: token) else {
            throw malformed(path, length: data.count)
        }
        if let expiry = claims.expiresOn, expiry <= now {
            throw expired(path, claims: claims, expiry: expiry, now: now)
        }
        return (token, claims)
    }

    private static func missing(_ path: Setting<String>, problem: String) -> MidkvError {
        MidkvError(
            .identityFederatedTokenMissing,
            "The federated token file \(path.value), given by \(path.source), cannot be read: \(problem)",
            evidence: evidence(path),
            cause: """
                Workload identity signs in with a token that the platform writes to this file. On \
                Kubernetes the Azure Workload Identity webhook mounts it when the pod's service \
                account carries the annotation azure.workload.identity/client-id and the pod the \
                label azure.workload.identity/use: "true".
                """,
            fix: """
                Check that the pod has the label and its service account the annotation, that the \
                projected token volume is mounted at this path, and that the MID Server's user may \
                read it. Outside Kubernetes, point \(SettingKey.federatedTokenFile.name) at the file \
                your platform writes.
                """
        )
    }

    private static func empty(_ path: Setting<String>) -> MidkvError {
        MidkvError(
            .identityFederatedTokenEmpty,
            "The federated token file \(path.value), given by \(path.source), is empty",
            evidence: evidence(path),
            cause: "The file exists but the platform has not written a token into it (or something truncated it).",
            fix: """
                Check the projected service account token volume (or the job that writes the token) \
                and restart the pod if the volume is broken.
                """
        )
    }

    private static func malformed(_ path: Setting<String>, length: Int) -> MidkvError {
        MidkvError(
            .identityFederatedTokenMalformed,
            "The federated token file \(path.value) does not hold a JWT",
            evidence: evidence(path) + [Evidence("length", "\(length) bytes")],
            cause: """
                A federated token is a JWT: three Base64URL parts separated by dots. The file holds \
                something else, such as a path, a JSON document or a token in another format.
                """,
            fix: "Point \(SettingKey.federatedTokenFile.name) at the file that holds the service account token itself."
        )
    }

    private static func expired(
        _ path: Setting<String>,
        claims: FederatedTokenClaims,
        expiry: Date,
        now: Date
    ) -> MidkvError {
        MidkvError(
            .identityFederatedTokenExpired,
            "The token in \(path.value) expired on \(IdentityTime.text(expiry))",
            evidence: evidence(path) + claims.evidence + [Evidence("local time", IdentityTime.text(now))],
            cause: """
                The token expired \(IdentityTime.span(now.timeIntervalSince(expiry))) ago by this \
                host's clock. The kubelet rewrites a projected token long before it expires, so the \
                file is no longer refreshed (a copied file, an unmounted volume) or this host's clock \
                is ahead.
                """,
            fix: """
                Mount the projected service account token volume instead of a copy of the token, \
                restart the pod if the volume is broken, and check this host's clock with `date -u`.
                """
        )
    }

    private static func evidence(_ path: Setting<String>) -> [Evidence] {
        [Evidence("token file", path.value), Evidence("token file from", path.source.description)]
    }
}
