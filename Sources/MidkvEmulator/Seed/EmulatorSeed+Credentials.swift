import Foundation

extension EmulatorSeed {
    /// A certificate registered on an app registration (Certificates & secrets > Certificates).
    ///
    /// Seed the certificate itself (`certificate`, PEM) to have client assertions verified in
    /// full: thumbprint, signature with its public key, and its validity. A `thumbprint` alone
    /// (the SHA-256 of the DER certificate, hexadecimal) registers the certificate by name: the
    /// emulator then matches `x5t#S256` and checks the claims, but cannot check the signature.
    public struct AppCertificate: Codable, Sendable, Equatable {
        /// The certificate, PEM (public part only).
        public var certificate: String?
        /// The SHA-256 thumbprint in hexadecimal, when the PEM is not given.
        public var thumbprint: String?

        /// Registers a certificate by its PEM.
        public init(certificate: String) {
            self.certificate = certificate
            self.thumbprint = nil
        }

        /// Registers a certificate by its SHA-256 thumbprint only.
        public init(thumbprint: String) {
            self.certificate = nil
            self.thumbprint = thumbprint
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case certificate
            case thumbprint
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            certificate = try container.decodeIfPresent(String.self, forKey: .certificate)
            thumbprint = try container.decodeIfPresent(String.self, forKey: .thumbprint)
        }
    }

    /// A federated credential of an app registration: which external tokens it trusts.
    public struct FederatedCredential: Codable, Sendable, Equatable {
        /// The token issuer (`iss`), such as a cluster's OIDC issuer URL; compared exactly.
        public var issuer: String
        /// The subject (`sub`), such as `system:serviceaccount:discovery:mid-server`.
        public var subject: String
        /// The accepted audiences (`aud`); `api://AzureADTokenExchange` unless given.
        public var audiences: [String]

        /// The audience Azure's federated credentials use unless told otherwise.
        public static let defaultAudience = "api://AzureADTokenExchange"

        /// Creates a federated credential.
        public init(issuer: String, subject: String, audiences: [String] = [Self.defaultAudience]) {
            self.issuer = issuer
            self.subject = subject
            self.audiences = audiences
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case issuer
            case subject
            case audiences
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            issuer = try container.decode(String.self, forKey: .issuer)
            subject = try container.decode(String.self, forKey: .subject)
            audiences = try container.decodeIfPresent([String].self, forKey: .audiences) ?? [Self.defaultAudience]
        }
    }

    /// An issuer of federated tokens and the key its tokens are signed with.
    ///
    /// With `publicKey` (a `PUBLIC KEY` or `CERTIFICATE` PEM), tokens signed elsewhere with the
    /// matching private key are accepted. Without it, the emulator makes a key pair and acts as
    /// the issuer itself: ``Emulator/issueWorkloadToken(issuer:subject:audience:lifetime:)``
    /// signs tokens with it. Issuers named only by federated credentials are emulator-owned.
    public struct WorkloadIssuer: Codable, Sendable, Equatable {
        /// The issuer URL, as tokens carry it in `iss`.
        public var issuer: String
        /// The issuer's public key or certificate, PEM.
        public var publicKey: String?

        /// Creates an issuer.
        public init(issuer: String, publicKey: String? = nil) {
            self.issuer = issuer
            self.publicKey = publicKey
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case issuer
            case publicKey
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            issuer = try container.decode(String.self, forKey: .issuer)
            publicKey = try container.decodeIfPresent(String.self, forKey: .publicKey)
        }
    }

    /// An Azure Arc-enabled server: the Connected Machine agent's identity endpoint, answered
    /// on loopback at `/metadata/identity/oauth2/token`.
    ///
    /// The first request gets 401 with `WWW-Authenticate: Basic realm=<file>`, where the file
    /// is a fresh key the emulator writes into `keyFolder` (mode 0600); a second request with
    /// `Authorization: Basic <content>` gets a token for `identity`, and the key is used up.
    public struct ArcMachine: Codable, Sendable, Equatable {
        /// The folder key files are written into; it must exist.
        public var keyFolder: String
        /// The machine's system-assigned identity.
        public var identity: ManagedIdentity

        /// Creates an Arc machine.
        public init(keyFolder: String, identity: ManagedIdentity) {
            self.keyFolder = keyFolder
            self.identity = identity
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case keyFolder
            case identity
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            keyFolder = try container.decode(String.self, forKey: .keyFolder)
            identity = try container.decode(ManagedIdentity.self, forKey: .identity)
        }
    }
}
