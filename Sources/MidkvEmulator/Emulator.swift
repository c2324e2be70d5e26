import Foundation
import MidkvHTTPServer
import MidkvSupport
import Synchronization

/// An in-process Azure Key Vault, Entra ID token endpoint, instance metadata service and App
/// Service identity endpoint, answering as the real services do.
///
/// Requests are routed by their `Host` header: `{vault}.vault.azure.net` (and the sovereign
/// suffixes), the Entra login hosts of each cloud, `169.254.169.254`, and on `localhost` the
/// App Service endpoint `/msi/token`. The emulator implements the services' rules on its own:
/// it shares no code with midkv's clients, so those clients are tested against behaviour they
/// did not write.
///
/// All state sits behind one lock; ``handle(_:)`` may be called from many threads at once.
public final class Emulator: Sendable {
    /// The fault switches.
    public let faults: EmulatorFaults

    let directory: Directory
    let signer = TokenSigner()
    let clock: EmulatorClock
    let logger: Logger
    let state: Mutex<EmulatorState>

    /// Creates an emulator holding the world that `seed` describes, with its faults in force.
    ///
    /// - Parameters:
    ///   - seed: the tenants, identities, vaults and secrets (see ``EmulatorSeed``).
    ///   - clock: the time source for tokens, expiry and delays.
    ///   - logger: receives one debug entry per answered request.
    public init(seed: EmulatorSeed, clock: EmulatorClock = .system, logger: Logger = .disabled) {
        self.clock = clock
        self.logger = logger.relabeled("midkv.emulator")
        self.directory = Directory(seed: seed)
        self.faults = EmulatorFaults(seed: seed.faults)
        self.state = Mutex(EmulatorState(seed: seed, now: UTCTime.unixSeconds(clock.now())))
    }

    /// Answers one request. Blocks for the length of any delay fault; call it on a connection
    /// thread, never on the cooperative pool.
    public func handle(_ request: HTTPServerRequest) -> HTTPServerResponse {
        let host = request.host ?? request.serverName?.lowercased() ?? ""
        let route = Route(host: host, path: request.path, arcServed: directory.arcAgent != nil)
        let decision = route.hostKind.map { faults.decision(for: $0) } ?? EmulatorFaults.Decision()
        if let delay = decision.delay {
            clock.sleep(for: delay)
        }

        let answer: Answer
        if let substitute = decision.substitute {
            answer = faultAnswer(substitute, route: route, request: request)
        } else {
            answer = dispatch(route, host: host, request: request)
        }
        record(answer, host: host, request: request)
        return answer.response
    }

    /// The requests answered so far, oldest first.
    public var requests: [RequestRecord] {
        state.withLock { $0.records }
    }

    /// The running totals.
    public var counters: EmulatorCounters {
        state.withLock { $0.counters }
    }

    /// Empties the request log and zeroes the counters.
    public func resetRequestLog() {
        state.withLock { state in
            state.records.removeAll()
            state.counters = EmulatorCounters()
        }
    }

    /// Sets the address vaults see for every caller (firewall and network-info header);
    /// `nil` to use each connection's peer address.
    public func setClientAddress(_ address: String?) {
        state.withLock { $0.clientAddressOverride = address }
    }

    private func dispatch(_ route: Route, host: String, request: HTTPServerRequest) -> Answer {
        switch route {
        case .vault(let name, let cloud):
            vaultAnswer(request, name: name, cloud: cloud, host: host)
        case .login(let cloud):
            loginAnswer(request, cloud: cloud, host: host)
        case .imds:
            imdsAnswer(request)
        case .appService:
            appServiceAnswer(request)
        case .arc:
            arcAnswer(request)
        case .unknown:
            Answer(response: Self.unknownHost(host), kind: .unknown)
        }
    }

    private func record(_ answer: Answer, host: String, request: HTTPServerRequest) {
        let path = RequestRecord.loggablePath(path: request.path, query: request.queryItems)
        let entry = RequestRecord(
            time: clock.now(),
            method: request.method,
            host: host,
            path: path,
            status: answer.response.status,
            principal: answer.principal,
            kind: answer.kind,
            vault: answer.vault,
            secret: answer.secret,
            faulted: answer.faulted
        )
        state.withLock { state in
            state.records.append(entry)
            state.counters.count(answer, kind: entry.kind)
        }

        logger.debug(
            "request answered",
            [
                "http.method": request.method, "http.host": host, "http.path": path,
                "http.status": String(answer.response.status), "emulator.kind": entry.kind.rawValue,
            ]
        )
    }

    static func unknownHost(_ host: String) -> HTTPServerResponse {
        let text = """
            midkv emulator: no service at host '\(host)'. The emulator answers vault hosts \
            ({vault}.vault.azure.net and sovereign suffixes) for vaults in its seed, Entra login \
            hosts, 169.254.169.254 and localhost.
            """
        return .text(404, text + "\n")
    }
}
