import Foundation
import MidkvSupport

/// The HTTP requests that show, without credentials, whether Key Vault, Entra ID and IMDS answer
/// as themselves.
///
/// Built on an ``HTTPTransport``, normally a ``CurlHTTPClient`` whose configuration decides trust,
/// proxy, redirect and confinement. None of these requests carries a credential.
public struct HTTPProbe: Sendable {
    /// The IMDS token path.
    public static let imdsTokenPath = "/metadata/identity/oauth2/token"
    /// What IMDS says to a request without the `Metadata: true` header.
    public static let imdsMissingHeaderText = "Required metadata header not specified"

    private let transport: any HTTPTransport
    private let logger: Logger

    /// Creates a probe that sends through `transport`.
    public init(transport: any HTTPTransport, logger: Logger = .disabled) {
        self.transport = transport
        self.logger = logger
    }

    /// Sends `GET https://<vaultHost>/secrets?api-version=<apiVersion>` without a token; Key Vault
    /// answers 401 with a `Bearer` challenge that names the vault's tenant.
    public func vaultChallenge(
        vaultHost: String,
        apiVersion: String,
        proxyUse: HTTPRequest.ProxyUse = .configured,
        timeBox: Duration
    ) async -> VaultChallengeProbeResult {
        let url = URL(string: "https://\(vaultHost)/secrets?api-version=\(apiVersion)")
        let (exchange, _) = await send(url, proxyUse: proxyUse, connectTimeout: nil, timeBox: timeBox)
        let challenge = exchange.headers.values(for: "WWW-Authenticate").lazy.compactMap(BearerChallenge.init).first
        return VaultChallengeProbeResult(exchange: exchange, challenge: challenge)
    }

    /// Sends the IMDS token request without the `Metadata` header, directly, and says whether IMDS
    /// answered: only IMDS answers JSON 400 "Required metadata header not specified".
    ///
    /// - Parameters:
    ///   - address: The IMDS address; `169.254.169.254` unless given.
    ///   - port: The IMDS port; 80 unless given.
    ///   - resource: The resource the token would be for.
    ///   - proxyUse: `never` unless checking what a proxy does with the request.
    ///   - connectTimeout: How long the connection may take; 1 second unless given.
    ///   - timeBox: How long the whole request may take.
    public func imdsPresence(
        address: String = "169.254.169.254",
        port: Int = 80,
        resource: String = "https://vault.azure.net",
        proxyUse: HTTPRequest.ProxyUse = .never,
        connectTimeout: Duration = .seconds(1),
        timeBox: Duration
    ) async -> IMDSProbeResult {
        let authority = address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
        let query = "api-version=2018-02-01&resource=\(Self.encoded(resource))"
        let url = URL(string: "http://\(authority)\(Self.imdsTokenPath)?\(query)")
        let (exchange, body) = await send(url, proxyUse: proxyUse, connectTimeout: connectTimeout, timeBox: timeBox)
        return Self.presence(of: exchange, body: body)
    }

    /// Sends a plain `GET` for `url` and reports the status, whatever it is.
    public func reachability(
        url: URL,
        proxyUse: HTTPRequest.ProxyUse = .configured,
        timeBox: Duration
    ) async
        -> HTTPProbeResult
    {
        await send(url, proxyUse: proxyUse, connectTimeout: nil, timeBox: timeBox).result
    }

    private func send(
        _ url: URL?,
        proxyUse: HTTPRequest.ProxyUse,
        connectTimeout: Duration?,
        timeBox: Duration
    ) async -> (result: HTTPProbeResult, body: Data) {
        guard let url else {
            let failure = TransportError(kind: .invalidURL, host: "", port: 0, detail: "the probe URL is not valid")
            return (HTTPProbeResult(url: "", failure: failure), Data())
        }

        let started = ContinuousClock.now
        let request = HTTPRequest(
            method: .get,
            url: url,
            proxyUse: proxyUse,
            connectTimeout: connectTimeout ?? timeBox,
            timeout: timeBox
        )
        var result = HTTPProbeResult(url: url.absoluteString)
        var body = Data()
        do {
            let response = try await transport.send(request)
            (result.status, result.headers, result.remoteAddress) = (
                response.status, response.headers, response.remoteAddress
            )
            body = response.body
        } catch {
            result.failure = Self.transportError(error, url: url)
        }

        result.milliseconds = ProbeClock.milliseconds(since: started)
        log(result)
        return (result, body)
    }

    private static func presence(of exchange: HTTPProbeResult, body: Data) -> IMDSProbeResult {
        guard exchange.status != nil else {
            return IMDSProbeResult(presence: .absent, exchange: exchange)
        }

        let fields = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        let code = fields?["error"] as? String
        let description = fields?["error_description"] as? String
        let isIMDS = exchange.status == 400 && description == imdsMissingHeaderText
        return IMDSProbeResult(
            presence: isIMDS ? .present : .somethingElse,
            exchange: exchange,
            errorCode: code,
            errorDescription: description
        )
    }

    private static func transportError(_ error: any Error, url: URL) -> TransportError {
        if let error = error as? TransportError {
            return error
        }
        let host = url.host(percentEncoded: false) ?? ""
        return TransportError(kind: .other, host: host, port: url.port ?? 0, detail: "the request failed")
    }

    private static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
    }

    private func log(_ result: HTTPProbeResult) {
        logger.debug(
            "http probe finished",
            [
                "http.status": result.status.map { String($0) } ?? "-",
                "http.error": result.failure?.kind.rawValue ?? "-",
                "http.duration_ms": String(result.milliseconds),
            ]
        )
    }
}
