import MidkvCrypto

/// A judgment on a server's certificate chain: trusted, untrusted, or re-signed under a root the
/// service does not use (interception).
public struct ChainVerdict: Sendable, Equatable {
    /// The judgment.
    public enum Kind: Sendable, Equatable {
        /// The chain ends at an expected root and verifies.
        case trusted
        /// The chain ends at an expected root (or no roots are expected) but does not verify:
        /// expired, wrong name, root missing from the trust store.
        case untrusted
        /// The chain was issued under a root that is not expected: something re-signed it.
        case intercepted
    }

    /// The judgment.
    public var kind: Kind
    /// The leaf certificate's issuer, RFC 2253 text.
    public var issuer: String?
    /// The root the chain ends at: its subject when the root was seen, otherwise the name the
    /// topmost certificate gives as its issuer.
    public var rootSubject: String?
    /// The expected root the chain ends at, when it does.
    public var matchedRoot: ExpectedRoot?
    /// OpenSSL's verdict on chain and host name.
    public var verification: TLSVerification?

    /// Creates a verdict.
    public init(
        kind: Kind,
        issuer: String? = nil,
        rootSubject: String? = nil,
        matchedRoot: ExpectedRoot? = nil,
        verification: TLSVerification? = nil
    ) {
        self.kind = kind
        self.issuer = issuer
        self.rootSubject = rootSubject
        self.matchedRoot = matchedRoot
        self.verification = verification
    }

    /// Judges the chain of a completed handshake; `nil` when the handshake did not complete.
    ///
    /// The root is matched by thumbprint when a root certificate was presented or found in the
    /// trust store, and by common name when only its name is known (servers rarely send the root).
    /// With no expected roots, nothing counts as intercepted.
    public static func judge(_ result: TLSProbeResult, expectedRoots: [ExpectedRoot]) -> ChainVerdict? {
        guard result.outcome == .completed else {
            return nil
        }
        return judge(
            chain: result.chain,
            verifiedChain: result.verifiedChain,
            verification: result.verification,
            expectedRoots: expectedRoots
        )
    }

    /// Judges a chain from its parts.
    public static func judge(
        chain: [CertificateInfo],
        verifiedChain: [CertificateInfo],
        verification: TLSVerification?,
        expectedRoots: [ExpectedRoot]
    ) -> ChainVerdict {
        let root = [verifiedChain.last, chain.last].compactMap { $0 }.first { $0.isSelfIssued }
        let topIssuer = (verifiedChain.last ?? chain.last)?.issuer
        var verdict = ChainVerdict(
            kind: .untrusted,
            issuer: chain.first?.issuer,
            rootSubject: root?.subject ?? topIssuer,
            verification: verification
        )

        verdict.matchedRoot = match(chain + verifiedChain, root: root, topIssuer: topIssuer, among: expectedRoots)
        if verdict.matchedRoot == nil, !expectedRoots.isEmpty, !chain.isEmpty {
            verdict.kind = .intercepted
        } else if verification?.isTrusted == true {
            verdict.kind = .trusted
        }
        return verdict
    }

    private static func match(
        _ certificates: [CertificateInfo],
        root: CertificateInfo?,
        topIssuer: String?,
        among expectedRoots: [ExpectedRoot]
    ) -> ExpectedRoot? {
        let thumbprints = Set(certificates.map(\.sha1Fingerprint))
        if let byThumbprint = expectedRoots.first(where: { thumbprints.contains($0.sha1Thumbprint) }) {
            return byThumbprint
        }

        guard root == nil, let name = topIssuer.flatMap(DistinguishedName.commonName(of:)) else {
            return nil
        }
        return expectedRoots.first { $0.name.lowercased() == name.lowercased() }
    }
}
