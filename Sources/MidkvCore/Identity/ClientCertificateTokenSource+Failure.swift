import Foundation

extension ClientCertificateTokenSource {
    /// The AADSTS codes about the certificate and the assertion.
    func certificateKinds(
        _ certificate: ClientCertificate,
        url: URL,
        reply: EntraErrorReply,
        sentAt: Date
    ) -> [Int: EntraFailureKind] {
        let rejected = assertionRejected(url: url)
        return [
            700_027: notRegistered(certificate),
            700_024: clockSkew(reply: reply, sentAt: sentAt),
            700_023: rejected,
            700_021: rejected,
            50027: rejected,
            5_002_738: rejected,
        ]
    }

    private func notRegistered(_ certificate: ClientCertificate) -> EntraFailureKind {
        EntraFailureKind(
            code: .identityCertificateNotRegistered,
            summary: """
                Entra ID does not accept the certificate with thumbprint \(certificate.portalThumbprint) \
                for app \(clientID)
                """,
            cause: """
                The app registration has no certificate with this thumbprint (it was never uploaded, \
                went to another app registration, or was removed), or the assertion's signature does \
                not verify with the uploaded certificate's key.
                """,
            fix: """
                In the app registration with client ID \(clientID), open Certificates & secrets > \
                Certificates and look for thumbprint \(certificate.portalThumbprint). If it is not \
                listed, upload the public certificate from \(certificate.files.certificatePath.value) \
                (the certificate only, never the key), then try again.
                """
        )
    }

    private func clockSkew(reply: EntraErrorReply, sentAt: Date) -> EntraFailureKind {
        let local = IdentityTime.text(sentAt)
        var comparison = "this host's clock read \(local) when it signed the assertion"
        if let stamp = reply.timestamp, let service = IdentityTime.entraTimestamp(stamp) {
            let difference = sentAt.timeIntervalSince(service)
            let direction = difference >= 0 ? "ahead of" : "behind"
            comparison += "; Entra ID's read \(IdentityTime.text(service)), so this host is about "
            comparison += "\(IdentityTime.span(difference)) \(direction) Entra ID"
        }

        return EntraFailureKind(
            code: .identityClockSkew,
            summary: "Entra ID says the client assertion is outside its validity window: \(comparison)",
            cause: """
                midkv makes each assertion valid from the moment it signs it, for \
                \(Int(ClientAssertion.lifetime / 60)) minutes, by this host's clock. Entra ID refuses it \
                when its own clock falls outside that window, which means this host's clock is off by \
                more than a few minutes.
                """,
            fix: """
                Synchronise this host's clock with an NTP source (chrony, systemd-timesyncd or the \
                Windows Time service) and compare `date -u` with an accurate clock.
                """
        )
    }

    private func assertionRejected(url: URL) -> EntraFailureKind {
        EntraFailureKind(
            code: .identityAssertionRejected,
            summary: "Entra ID refused the client assertion for app \(clientID)",
            cause: """
                The assertion's audience is the token URL midkv posted to (\(url.absoluteString)) and \
                its issuer and subject are the client ID. Entra ID expects its own token endpoint for \
                the tenant as the audience: a token URL with another login host, path or tenant form \
                than the one that answered, or a proxy that rewrites requests, causes this.
                """,
            fix: """
                Use the token URL of your cloud exactly, such as \
                https://login.microsoftonline.com/\(tenantID)/oauth2/v2.0/token, and see the service \
                message in the evidence.
                """
        )
    }
}
