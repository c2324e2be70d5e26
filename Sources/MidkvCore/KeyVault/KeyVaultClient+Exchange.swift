import Foundation
import MidkvSupport
import MidkvTransport

extension KeyVaultClient {
    /// What is known about one operation while it runs, for explaining its failure.
    struct ExchangeContext: Sendable {
        /// The operation.
        var operation: VaultOperation
        /// The identifier sent as `x-ms-client-request-id` on every attempt.
        var clientRequestID = UUID().uuidString.lowercased()
        /// The vault's challenge, once known.
        var challenge: BearerChallenge?
        /// The claims of the token sent, once one was.
        var claims: AccessTokenClaims?
        /// The token sent, so that no message can repeat it.
        var token: Secret?
    }

    /// One retried request and its final response.
    struct Exchange: Sendable {
        var response: HTTPResponse
        var retry: RetryOutcome
    }

    /// Runs `operation` through the challenge flow and returns its successful response.
    func perform(_ operation: VaultOperation, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        var context = ExchangeContext(operation: operation)
        if let known = rememberedChallenge(for: operation.target.authority) {
            context.challenge = known
            return try await sendAuthorized(context, deadline: deadline, mayRechallenge: true)
        }

        let probe = try await send(context, token: nil, deadline: deadline)
        guard probe.response.status == 401, let challenge = BearerChallenge.first(in: probe.response.headers) else {
            return try accept(probe, context: context)
        }

        context.challenge = try adopt(challenge, context: context)
        return try await sendAuthorized(context, deadline: deadline, mayRechallenge: false)
    }

    private func sendAuthorized(
        _ context: ExchangeContext,
        deadline: ContinuousClock.Instant,
        mayRechallenge: Bool
    ) async throws -> HTTPResponse {
        var context = context
        let scope = context.challenge?.tokenScope ?? ""
        let token = try await tokens.token(for: scope, deadline: deadline)
        context.claims = token.claims
        context.token = token.token

        let exchange = try await send(context, token: token, deadline: deadline)
        guard exchange.response.status == 401, mayRechallenge,
            let fresh = BearerChallenge.first(in: exchange.response.headers)
        else {
            return try accept(exchange, context: context)
        }

        logger.debug("vault challenged a remembered token", ["vault.host": context.operation.target.host])
        await tokens.discardCachedToken(for: scope)
        context.challenge = try adopt(fresh, context: context)
        return try await sendAuthorized(context, deadline: deadline, mayRechallenge: false)
    }

    private func adopt(_ challenge: BearerChallenge, context: ExchangeContext) throws -> BearerChallenge {
        let target = context.operation.target
        guard !configuration.verifiesChallengeResource || challenge.covers(host: target.host) else {
            throw challengeMismatch(challenge, target: target)
        }

        remember(challenge, for: target.authority)
        logger.debug("vault challenge received", ["vault.host": target.host, "vault.tenant": challenge.tenantID ?? ""])
        return challenge
    }

    private func send(
        _ context: ExchangeContext,
        token: AccessToken?,
        deadline: ContinuousClock.Instant
    ) async throws -> Exchange {
        let operation = context.operation
        let scoped = logger.with("vault.host", operation.target.host).with("secret.name", operation.target.secret ?? "")
        let sender = RetryingSender(
            transport: transport,
            policy: configuration.retry,
            time: configuration.time,
            logger: scoped
        )

        scoped.debug(
            "sending vault request",
            ["http.method": operation.method.rawValue, "auth.bearer": token == nil ? "no" : "yes"]
        )
        let outcome = try await sender.send(request(for: context, token: token), deadline: deadline)
        switch outcome.last {
        case nil:
            throw MidkvError.budgetExceeded(while: operation.activity, attempts: 0, last: nil)
        case .failure(let failure):
            let error = failure.explained(for: .vaultHost).adding(outcome.evidence)
            throw outcome.budgetExhausted
                ? MidkvError.budgetExceeded(while: operation.activity, attempts: outcome.attempts, last: error) : error
        case .response(let response):
            scoped.debug("vault answered", ["http.status": "\(response.status)"])
            return Exchange(response: response, retry: outcome)
        }
    }

    private func request(for context: ExchangeContext, token: AccessToken?) -> HTTPRequest {
        let operation = context.operation
        var headers = HTTPHeaders([("Accept", "application/json"), ("x-ms-client-request-id", context.clientRequestID)])
        var body: Data?

        if let token {
            headers.add("Authorization", token.authorizationValue.reveal())
            body = operation.body
            if body != nil {
                headers.add("Content-Type", "application/json")
            }
        } else if operation.method == .put || operation.method == .patch || operation.method == .post {
            headers.add("Content-Length", "0")
            body = Data()
        }
        return HTTPRequest(method: operation.method, url: operation.url, headers: headers, body: body)
    }

    private func accept(_ exchange: Exchange, context: ExchangeContext) throws -> HTTPResponse {
        let response = exchange.response
        guard !(200..<300).contains(response.status) else {
            return response
        }

        let error = failure(for: response, context: context).adding(exchange.retry.evidence)
        guard exchange.retry.budgetExhausted else {
            throw error
        }
        throw MidkvError.budgetExceeded(
            while: context.operation.activity,
            attempts: exchange.retry.attempts,
            last: error
        )
    }

    private func challengeMismatch(_ challenge: BearerChallenge, target: VaultTarget) -> MidkvError {
        let resource = challenge.resource ?? challenge.scope ?? "(none)"
        return MidkvError(
            .vaultChallengeMismatch,
            "The challenge from \(target.host) names resource \(resource), which does not cover that host",
            evidence: [
                Evidence("vault host", target.host),
                Evidence("challenge resource", challenge.resource ?? "(none)"),
                Evidence("challenge scope", challenge.scope ?? "(none)"),
            ],
            cause: """
                The vault URL points at a server that is not Key Vault in the expected cloud, or \
                something answers in the vault's place. No token was sent to it.
                """,
            fix: """
                Check the vault URL: its host must end in the Key Vault suffix of the vault's \
                cloud (vault.azure.net, vault.azure.cn, vault.usgovcloudapi.net). Only a local \
                emulator may run with challenge verification turned off.
                """
        )
    }
}
