import MidkvCrypto

extension EmulatorSeed {
    /// Checks an app's certificates and federated credentials.
    func validateCredentials(of application: Application, path: String) throws(EmulatorSeedError) {
        for (index, certificate) in application.certificates.enumerated() {
            try Self.validate(certificate, path: "\(path).certificates[\(index)]")
        }

        var seen: Set<String> = []
        for (index, credential) in application.federatedCredentials.enumerated() {
            let itemPath = "\(path).federatedCredentials[\(index)]"
            try Self.validate(credential, path: itemPath)
            if !seen.insert(credential.issuer + "\n" + credential.subject).inserted {
                let message = "issuer \(credential.issuer) and subject \(credential.subject) appear twice"
                throw EmulatorSeedError(.duplicate, path: itemPath, message)
            }
        }
    }

    /// Checks the workload issuers and the Arc machine.
    func validateWorkloadAndArc() throws(EmulatorSeedError) {
        var seen: Set<String> = []
        for (index, issuer) in workloadIssuers.enumerated() {
            let path = "workloadIssuers[\(index)]"
            guard !issuer.issuer.isEmpty else {
                throw EmulatorSeedError(.invalidValue, path: "\(path).issuer", "the issuer cannot be empty")
            }
            if !seen.insert(issuer.issuer).inserted {
                throw EmulatorSeedError(.duplicate, path: "\(path).issuer", "issuer \(issuer.issuer) appears twice")
            }
            if let key = issuer.publicKey, Self.verifier(forPEM: key)?.kind.isRSA != true {
                let message = "not an RSA PUBLIC KEY or CERTIFICATE PEM (Entra ID accepts RSA signatures only)"
                throw EmulatorSeedError(.invalidValue, path: "\(path).publicKey", message)
            }
        }

        if let arc {
            guard arc.keyFolder.hasPrefix("/") else {
                throw EmulatorSeedError(.invalidValue, path: "arc.keyFolder", "write an absolute folder path")
            }
            try requireTenant(arc.identity.tenant, path: "arc.identity.tenant")
            try Self.requireGUID(arc.identity.clientID, path: "arc.identity.clientId", what: "a client ID")
            try Self.requireGUID(arc.identity.objectID, path: "arc.identity.objectId", what: "an object ID")
        }
    }

    /// A verifier for a `PUBLIC KEY` or `CERTIFICATE` PEM, or `nil`.
    static func verifier(forPEM pem: String) -> SignatureVerifier? {
        if pem.contains("BEGIN CERTIFICATE") {
            return try? SignatureVerifier(certificatePEM: pem)
        }
        return try? SignatureVerifier(publicKeyPEM: pem)
    }

    private static func validate(_ certificate: AppCertificate, path: String) throws(EmulatorSeedError) {
        switch (certificate.certificate, certificate.thumbprint) {
        case (let pem?, nil):
            guard (try? CertificateInfo.parse(pem: pem))?.isEmpty == false else {
                throw EmulatorSeedError(.invalidValue, path: "\(path).certificate", "not a PEM certificate")
            }
        case (nil, let thumbprint?):
            let hexDigits = Set("0123456789abcdef")
            guard thumbprint.count == 64, thumbprint.lowercased().allSatisfy(hexDigits.contains) else {
                let message = "'\(thumbprint)' is not a SHA-256 thumbprint (64 hexadecimal digits)"
                throw EmulatorSeedError(.invalidValue, path: "\(path).thumbprint", message)
            }
        default:
            throw EmulatorSeedError(.invalidValue, path: path, "give exactly one of certificate and thumbprint")
        }
    }

    private static func validate(_ credential: FederatedCredential, path: String) throws(EmulatorSeedError) {
        let fields = [("issuer", credential.issuer), ("subject", credential.subject)]
        for (name, value) in fields where value.isEmpty {
            throw EmulatorSeedError(.invalidValue, path: "\(path).\(name)", "the \(name) cannot be empty")
        }
        if credential.audiences.isEmpty || credential.audiences.contains(where: \.isEmpty) {
            throw EmulatorSeedError(.invalidValue, path: "\(path).audiences", "list at least one non-empty audience")
        }
    }
}
