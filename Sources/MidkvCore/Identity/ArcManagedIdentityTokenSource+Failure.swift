import Foundation
import MidkvSupport
import MidkvTransport

extension ArcManagedIdentityTokenSource {
    /// The challenge in the first answer, or the error that explains why there is none.
    func challenge(in outcome: RetryOutcome) throws -> ArcChallenge {
        switch outcome.last {
        case nil:
            throw MidkvError.budgetExceeded(
                while: "asking the Azure Arc agent for its challenge",
                attempts: 0,
                last: nil
            )
        case .failure(let failure):
            throw agentAbsent(failure)
        case .response(let response):
            guard response.status == 401, let challenge = ArcChallenge(header: response.headers["WWW-Authenticate"])
            else {
                throw missingChallenge(response)
            }
            return challenge
        }
    }

    /// The token in the second answer, or the error that explains why there is none.
    func interpret(_ outcome: RetryOutcome, resource: String) throws -> AccessToken {
        let activity = "requesting a token from the Azure Arc agent"
        switch outcome.last {
        case nil:
            throw MidkvError.budgetExceeded(while: activity, attempts: 0, last: nil)
        case .failure(let failure):
            throw agentAbsent(failure)
        case .response(let response):
            if response.status == 200, let reply = JSONObject(data: response.body),
                let token = TokenReply.token(from: reply, now: sender.time.date)
            {
                logger.debug("azure arc token received", ["http.status": "200"])
                return token
            }
            let error = refusal(response, resource: resource).adding(outcome.evidence)
            throw outcome.budgetExhausted
                ? MidkvError.budgetExceeded(while: activity, attempts: outcome.attempts, last: error) : error
        }
    }

    func agentAbsent(_ failure: TransportError) -> MidkvError {
        var evidence = [
            Evidence("endpoint", hostAndPort),
            Evidence("failure", failure.kind.rawValue),
            Evidence("transport detail", failure.detail),
        ]
        if let errno = failure.osErrno {
            evidence.append(Evidence("errno", "\(errno)"))
        }

        return MidkvError(
            .identityArcAgentAbsent,
            "The Azure Arc agent did not answer at \(hostAndPort)",
            evidence: evidence,
            cause: """
                Arc sign-in was chosen because IDENTITY_ENDPOINT and IMDS_ENDPOINT are set or the \
                agent is installed, but nothing answered: the Azure Connected Machine agent is not \
                running, not installed, or listens elsewhere.
                """,
            fix: """
                Run `azcmagent show` to see the agent's state and `sudo systemctl restart himdsd` to \
                start it. If this host is not meant to use Arc, unset IDENTITY_ENDPOINT and \
                IMDS_ENDPOINT for the MID Server and configure another sign-in.
                """,
            underlying: failure
        )
    }

    func invalidKeyFile(_ path: String, problem: String) -> MidkvError {
        MidkvError(
            .identityArcChallengeInvalid,
            "The key file named by the Azure Arc agent's challenge, \(path), \(problem); midkv did not read it",
            evidence: [
                Evidence("endpoint", hostAndPort),
                Evidence("key file", path),
                Evidence("allowed folder", tokensFolder),
                Evidence("largest allowed size", "\(ArcChallenge.maximumKeyFileSize) bytes"),
            ],
            cause: """
                The agent's challenge must name a .key file of at most \
                \(ArcChallenge.maximumKeyFileSize) bytes directly in \(tokensFolder). Anything else \
                means another program answers on the endpoint, or the agent is damaged; midkv never \
                sends the content of other files.
                """,
            fix: """
                Check what listens on \(hostAndPort) (`sudo ss -ltnp`), and repair or reinstall the \
                Azure Connected Machine agent (`azcmagent show`).
                """
        )
    }

    func keyFileDenied(_ path: String) -> MidkvError {
        let user = ProcessInfo.processInfo.userName
        return MidkvError(
            .identityArcKeyFileDenied,
            "The user \(user) may not read the Azure Arc agent's key file \(path)",
            evidence: [
                Evidence("endpoint", hostAndPort),
                Evidence("key file", path),
                Evidence("user", user),
                Evidence("errno", "EACCES"),
            ],
            cause: """
                The agent lets only root and members of the himds group read its key files, which \
                prove that the caller may use this machine's identity.
                """,
            fix: """
                Add the MID Server's user to the himds group (`sudo usermod -a -G himds \(user)`) and \
                restart the MID Server service so it runs with the new group.
                """
        )
    }

    private func missingChallenge(_ response: HTTPResponse) -> MidkvError {
        let what =
            response.status == 401
            ? "401 without a Basic realm challenge" : "HTTP \(response.status) instead of the 401 challenge"
        return MidkvError(
            .identityArcChallengeInvalid,
            "The Azure Arc agent at \(hostAndPort) answered \(what)",
            evidence: [
                Evidence("endpoint", hostAndPort),
                Evidence("HTTP status", "\(response.status)"),
                Evidence("WWW-Authenticate", response.headers["WWW-Authenticate"] ?? "(none)"),
            ],
            cause: """
                The agent first answers every token request with 401 and a challenge naming a key \
                file. Another answer means that IDENTITY_ENDPOINT points at something other than \
                the Arc agent (the App Service or VM metadata service, a proxy).
                """,
            fix: """
                Check IDENTITY_ENDPOINT (normally \(Self.defaultIdentityEndpoint.absoluteString)) and \
                that `azcmagent show` reports the agent as connected.
                """
        )
    }

    private func refusal(_ response: HTTPResponse, resource: String) -> MidkvError {
        let reply = JSONObject(data: response.body)
        let message = reply?.string("error_description") ?? reply?.string("message")
        var evidence = [
            Evidence("endpoint", hostAndPort),
            Evidence("HTTP status", "\(response.status)"),
            Evidence("resource", resource),
        ]
        evidence += [("service error", reply?.string("error")), ("service message", message?.firstLine)]
            .compactMap { label, value in value.map { Evidence(label, $0) } }

        return MidkvError(
            .identityFailed,
            "The Azure Arc agent refused the token request with HTTP \(response.status)",
            evidence: evidence,
            cause: """
                The agent did not accept the key file's content (it may have been replaced between \
                the two requests) or could not get a token from Entra ID; the service's message is \
                shown as evidence.
                """,
            fix: """
                Try again; if it persists, check `azcmagent show` and the agent's log \
                (/var/opt/azcmagent/log/himds.log).
                """
        )
    }
}
