import Foundation
import Glibc
import MidkvCore
import MidkvSupport
import MidkvTransport

extension HopRunner {
    /// Records a handshake and the verdict on its chain; whether later steps may run.
    func recordHandshake(_ result: TLSProbeResult, into recorder: inout HopRecorder) -> Bool {
        recorder.facts.tls = result
        guard result.outcome == .completed else {
            let evidence = StepEvidence.tls(result, verdict: nil)
            recorder.fail(
                .tls,
                milliseconds: result.handshakeMilliseconds,
                evidence,
                skipping: "the TLS handshake failed"
            )
            return false
        }

        let verdict = ChainVerdict.judge(result, expectedRoots: configuration.expectedRoots)
        recorder.facts.verdict = verdict
        let evidence = StepEvidence.tls(result, verdict: verdict)
        guard verdict?.verification?.isTrusted == true else {
            let reason = "the certificate chain was not accepted"
            recorder.fail(.tls, milliseconds: result.handshakeMilliseconds, evidence, skipping: reason)
            return false
        }

        recorder.pass(.tls, milliseconds: result.handshakeMilliseconds, evidence)
        return true
    }

    /// Sends the hop's unauthenticated request and records whether the service answered as itself.
    ///
    /// A reset is tried once more: a single reset followed by a success is a stale or flaky
    /// connection, not a blocked path.
    func exchange(
        _ hop: NetworkHop,
        over probe: HTTPProbe,
        proxyUse: HTTPRequest.ProxyUse,
        into recorder: inout HopRecorder
    ) async {
        var (result, challenge) = await request(hop, over: probe, proxyUse: proxyUse)
        if let failure = result.failure, ResetCheck.isReset(failure) {
            let retry = await request(hop, over: probe, proxyUse: proxyUse)
            if retry.result.failure == nil {
                (result, challenge) = retry
                recorder.facts.recoveredFromReset = true
            }
        }

        recorder.facts.http = result
        recorder.facts.challenge = challenge
        let answered = hop.role == .vault ? Self.isKeyVaultAnswer(result, challenge: challenge) : result.status != nil
        guard answered else {
            recorder.fail(.http, milliseconds: result.milliseconds, StepEvidence.http(result), skipping: "")
            return
        }
        recorder.pass(.http, milliseconds: result.milliseconds, StepEvidence.http(result))
    }

    private func request(
        _ hop: NetworkHop,
        over probe: HTTPProbe,
        proxyUse: HTTPRequest.ProxyUse
    ) async -> (result: HTTPProbeResult, challenge: BearerChallenge?) {
        let authority = hop.port == 443 ? hop.host : "\(hop.host):\(hop.port)"
        guard hop.role == .vault else {
            let url = URL(string: "https://\(authority)/common/v2.0/.well-known/openid-configuration")
            let result = await probe.reachability(
                url: url ?? URL(fileURLWithPath: "/"),
                proxyUse: proxyUse,
                timeBox: configuration.timeBox
            )
            return (result, nil)
        }

        let answer = await probe.vaultChallenge(
            vaultHost: authority,
            apiVersion: configuration.apiVersion,
            proxyUse: proxyUse,
            timeBox: configuration.timeBox
        )
        return (answer.exchange, answer.challenge)
    }

    /// Whether Key Vault itself answered: its 401 challenge, or any answer carrying its own
    /// headers (a 429 `Throttled` or a 5xx still proves the path to the vault works).
    static func isKeyVaultAnswer(_ result: HTTPProbeResult, challenge: BearerChallenge?) -> Bool {
        guard result.status != nil else {
            return false
        }
        let keyVaultHeaders = ["x-ms-keyvault-service-version", "x-ms-keyvault-region"]
        return (result.status == 401 && challenge != nil) || keyVaultHeaders.contains { result.headers[$0] != nil }
    }
}

/// Whether a transport failure was a reset, whatever stage libcurl was in when it happened.
enum ResetCheck {
    /// libcurl reports a reset during its TLS handshake as a handshake failure with `EPIPE` or
    /// `ECONNRESET`; both count as resets here.
    static func isReset(_ failure: TransportError) -> Bool {
        failure.kind == .connectionReset || failure.osErrno == ECONNRESET || failure.osErrno == EPIPE
    }
}
