import MidkvHTTPServer
import MidkvSupport
import Synchronization

extension Emulator {
    /// The answer a fault switch substitutes, in the error shape of the service at `route`.
    func faultAnswer(_ substitute: EmulatorFaults.Substitute, route: Route, request: HTTPServerRequest) -> Answer {
        var answer: Answer
        switch route {
        case .vault(let name, _):
            answer = vaultFault(substitute, request: request, host: request.host ?? "", name: name)
        case .login(let cloud):
            let error: EntraError = substitute.isThrottle ? .throttled : .unavailable(status: substitute.status)
            let host = AzureCloud.forLoginHost(request.host ?? "") == nil ? cloud.loginHost : request.host ?? ""
            answer = Answer(response: entraErrorResponse(error, host: host, request: request), kind: .token)
        case .imds, .appService, .arc:
            let (error, description) =
                substitute.isThrottle
                ? ("too_many_requests", "Too many requests") : ("server_error", "Server error")
            let response = Self.imdsError(substitute.status, error: error, description: description)
            let kind: RequestRecord.Kind = route == .imds ? .imds : route == .arc ? .arc : .appService
            answer = Answer(response: response, kind: kind)
        case .unknown:
            answer = Answer(response: Self.unknownHost(request.host ?? ""), kind: .unknown)
        }

        answer.faulted = true
        answer.response.headers.add(contentsOf: substitute.retryAfterHeader)
        return answer
    }

    private func vaultFault(
        _ substitute: EmulatorFaults.Substitute,
        request: HTTPServerRequest,
        host: String,
        name: String
    ) -> Answer {
        state.withLock { state in
            guard let vault = state.vaults[host] else {
                return Answer(response: Self.unknownHost(host), kind: .unknown)
            }
            let address = state.clientAddressOverride ?? Self.peerAddress(request.remoteAddress)
            let context = VaultContext(request: request, clientAddress: address, now: UTCTime.unixSeconds(clock.now()))
            let error: KeyVaultError = substitute.isThrottle ? .throttled : .serverError(status: substitute.status)
            let response = vaultErrorResponse(error, vault: vault, context: context)
            let segments = Self.pathSegments(request.path)
            let operation = try? VaultOperation(method: request.method, segments: segments, path: request.path)
            return Answer(
                response: response,
                kind: operation?.kind ?? .unknown,
                vault: vault.name,
                secret: operation?.secretName
            )
        }
    }
}

extension EmulatorFaults.Substitute {
    var isThrottle: Bool {
        if case .throttled = self {
            return true
        }
        return false
    }

    var status: Int {
        switch self {
        case .throttled: 429
        case .serverError(let status): status
        }
    }

    var retryAfterHeader: [(String, String)] {
        if case .throttled(let seconds?) = self {
            return [("Retry-After", String(seconds))]
        }
        return []
    }
}

extension HTTPHeaders {
    mutating func add(contentsOf pairs: [(String, String)]) {
        for (name, value) in pairs {
            add(name, value)
        }
    }
}
