import Foundation
import MidkvCrypto
import MidkvHTTPServer
import MidkvSupport

/// The emulator on a loopback port, speaking TLS with the real Azure host names and plain HTTP
/// for IMDS on the same port.
///
/// At start it makes its own certificate authority and one server certificate naming every
/// vault suffix (as wildcards), every login host, `localhost`, `127.0.0.1` and `::1`. Clients
/// trust ``caFile`` and connect to `127.0.0.1:`\(``port``) while keeping the real host name for
/// SNI, the `Host` header and certificate checks (libcurl's `CONNECT_TO`, curl's `--connect-to`).
///
/// A second authority, named like a corporate TLS-inspection CA, issues a certificate with the
/// same names; ``setInspectionCertificate(_:)`` (or the emulator's fault switch) swaps it in to
/// play an intercepting proxy.
public final class EmulatorServer: Sendable {
    /// The emulator that answers the requests (fault switches, request log, counters).
    public let emulator: Emulator
    /// The emulator CA certificate, PEM.
    public let caCertificatePEM: String
    /// The file the CA certificate was written to, when one was chosen.
    public let caFile: String?
    /// The inspection CA certificate, PEM, for tests that trust it on purpose.
    public let inspectionCACertificatePEM: String
    /// The port the server listens on, on 127.0.0.1.
    public let port: UInt16

    private let server: HTTPServer
    private let logger: Logger

    /// The common name of the emulator's CA.
    public static let caCommonName = "midkv Emulator Root CA"
    /// The common name of the inspection CA.
    public static let inspectionCACommonName = "Contoso Corporate SSL Inspection CA"

    /// Makes the certificates, starts listening on `127.0.0.1:port` (0 for any free port) and
    /// writes the CA certificate to `caFile` when given.
    ///
    /// - Throws: ``EmulatorServerError`` with `emulator.certificates`, `emulator.ca-file-unwritable`
    ///   or `emulator.listen`.
    public init(emulator: Emulator, port: UInt16 = 0, caFile: String? = nil, logger: Logger = .disabled) throws {
        let identities = try Self.makeIdentities()
        self.emulator = emulator
        self.caCertificatePEM = identities.caPEM
        self.inspectionCACertificatePEM = identities.inspectionCAPEM
        self.caFile = caFile
        self.logger = logger.relabeled("midkv.emulator.server")

        if let caFile {
            try Self.write(identities.caPEM, to: caFile)
        }
        let initial = emulator.faults.presentsInspectionCertificate ? identities.inspection : identities.normal
        let configuration = Self.configuration(emulator, port: port, identity: initial, logger: logger)
        server = HTTPServer(configuration: configuration) { emulator.handle($0) }

        do {
            try server.start()
        } catch {
            throw EmulatorServerError(.listen, "cannot listen on 127.0.0.1:\(port): \(error)")
        }
        self.port = server.tcpPort ?? port
        observeInspection(identities)
    }

    /// The `host:port` to connect to instead of the real hosts (libcurl `CONNECT_TO` target).
    public var connectAddress: String {
        "127.0.0.1:\(port)"
    }

    /// Presents the inspection CA's chain (`true`) or the emulator CA's (`false`) to new connections.
    public func setInspectionCertificate(_ enabled: Bool) {
        emulator.faults.setInspectionCertificate(enabled)
    }

    /// Stops listening and closes open connections.
    public func stop() {
        emulator.faults.observeInspection { _ in }
        server.stop()
    }

    /// Every DNS name the server certificates carry.
    public static var dnsNames: [String] {
        AzureCloud.allCases.flatMap { cloud in cloud.loginHostAliases + ["*.\(cloud.vaultSuffix)"] } + ["localhost"]
    }

    private func observeInspection(_ identities: Identities) {
        let server = self.server
        let logger = self.logger
        emulator.faults.observeInspection { enabled in
            do {
                try server.setTLSIdentity(enabled ? identities.inspection : identities.normal)
            } catch {
                logger.debug("switching the TLS identity failed", ["emulator.inspection": String(enabled)])
            }
        }
    }

    private struct Identities: Sendable {
        var caPEM: String
        var inspectionCAPEM: String
        var normal: TLSIdentity
        var inspection: TLSIdentity
    }

    private static func makeIdentities() throws -> Identities {
        do {
            let authority = try CertificateAuthority(commonName: caCommonName, organization: "midkv")
            let inspector = try CertificateAuthority(commonName: inspectionCACommonName, organization: "Contoso Ltd")
            let addresses = ["127.0.0.1", "::1"]
            return Identities(
                caPEM: authority.certificatePEM,
                inspectionCAPEM: inspector.certificatePEM,
                normal: try authority.issueServerIdentity(dnsNames: dnsNames, ipAddresses: addresses),
                inspection: try inspector.issueServerIdentity(dnsNames: dnsNames, ipAddresses: addresses)
            )
        } catch {
            throw EmulatorServerError(.certificates, "cannot make the emulator's certificates: \(error)")
        }
    }

    private static func write(_ pem: String, to path: String) throws {
        do {
            try FileWriter.write(Data(pem.utf8), to: path, permissions: 0o644)
        } catch {
            let message = "cannot write the CA certificate to \(path); check the folder exists and is writable"
            throw EmulatorServerError(.caFileUnwritable, message)
        }
    }

    private static func configuration(
        _ emulator: Emulator,
        port: UInt16,
        identity: TLSIdentity,
        logger: Logger
    ) -> HTTPServer.Configuration {
        HTTPServer.Configuration(
            endpoints: [.tcp(host: "127.0.0.1", port: port)],
            tls: .detect(identity),
            connectionPolicy: { _ in emulator.faults.nextConnectionFault()?.serverAction ?? .serve },
            logger: logger
        )
    }
}

extension ConnectionFault {
    /// The server's way of playing this fault.
    var serverAction: HTTPServer.ConnectionAction {
        switch self {
        case .reset: .reset
        case .resetDuringHandshake: .resetDuringHandshake
        case .closeWithoutReply: .closeWithoutReply
        case .hang(let duration): .hang(duration)
        }
    }
}
