import Synchronization

/// Run-time fault switches: throttling, server errors, slow answers, broken connections and
/// TLS inspection.
///
/// Every switch is safe to flip from any thread while requests are being answered. Count-based
/// faults count down with each request (or connection) they hit, and stop at zero.
public final class EmulatorFaults: Sendable {
    /// The kind of host a request went to, for scoping faults.
    public enum HostKind: String, Sendable, Codable, CaseIterable {
        /// Key Vault hosts (`*.vault.azure.net` and the sovereign suffixes).
        case vault
        /// Entra ID login hosts.
        case login
        /// The instance metadata service and the App Service identity endpoint.
        case imds
    }

    /// An answer a fault substitutes for the real one.
    enum Substitute: Equatable {
        case throttled(retryAfterSeconds: Int?)
        case serverError(status: Int)
    }

    /// What a fault does to one request.
    struct Decision: Equatable {
        var delay: Duration?
        var substitute: Substitute?
    }

    private struct Counted<Value> {
        var value: Value
        var remaining: Int?
        var hosts: Set<HostKind>

        mutating func take(for host: HostKind) -> Value? {
            guard hosts.contains(host), remaining.map({ $0 > 0 }) ?? true else {
                return nil
            }
            remaining = remaining.map { $0 - 1 }
            return value
        }
    }

    private struct State {
        var throttle: Counted<Int?>?
        var serverError: Counted<Int>?
        var delay: Counted<Duration>?
        var connection: Counted<ConnectionFault>?
        var inspection = false
        var inspectionObserver: (@Sendable (Bool) -> Void)?
    }

    private let state = Mutex(State())

    /// Creates switches with the faults of `seed` in force.
    init(seed: EmulatorSeed.Faults = EmulatorSeed.Faults()) {
        if let throttle = seed.throttle {
            self.throttle(
                next: throttle.count,
                retryAfterSeconds: throttle.retryAfterSeconds,
                hosts: Set(throttle.hosts)
            )
        }
        if let serverError = seed.serverError {
            failWithStatus(serverError.status, next: serverError.count, hosts: Set(serverError.hosts))
        }

        if let delay = seed.delay {
            self.delay(.milliseconds(delay.milliseconds), next: delay.count, hosts: Set(delay.hosts))
        }
        if let connection = seed.connection {
            failConnections(connection.fault, next: connection.count)
        }
        state.withLock { $0.inspection = seed.inspectionCertificate }
    }

    /// Answers the next `count` requests to `hosts` with 429: `Throttled` on vaults,
    /// `too_many_requests` on IMDS, an AADSTS throttling error on login hosts.
    ///
    /// - Parameter retryAfterSeconds: the `Retry-After` value, or `nil` to send no header.
    public func throttle(next count: Int, retryAfterSeconds: Int? = nil, hosts: Set<HostKind> = [.vault]) {
        state.withLock { $0.throttle = Counted(value: retryAfterSeconds, remaining: max(0, count), hosts: hosts) }
    }

    /// Answers the next `count` requests to `hosts` with `status` (500 to 599).
    public func failWithStatus(_ status: Int, next count: Int, hosts: Set<HostKind> = [.vault]) {
        precondition((500...599).contains(status), "failWithStatus takes a 5xx status")
        state.withLock { $0.serverError = Counted(value: status, remaining: max(0, count), hosts: hosts) }
    }

    /// Holds answers to `hosts` back by `duration`: the next `count` answers, or all of them
    /// until ``clear()`` when `count` is `nil`.
    public func delay(_ duration: Duration, next count: Int? = nil, hosts: Set<HostKind> = Set(HostKind.allCases)) {
        state.withLock { $0.delay = Counted(value: duration, remaining: count.map { max(0, $0) }, hosts: hosts) }
    }

    /// Breaks the next `count` accepted connections with `fault`.
    public func failConnections(_ fault: ConnectionFault, next count: Int) {
        state.withLock { $0.connection = Counted(value: fault, remaining: max(0, count), hosts: [.vault]) }
    }

    /// Whether the TLS server presents a chain from an inspection CA instead of the emulator's.
    public var presentsInspectionCertificate: Bool {
        state.withLock { $0.inspection }
    }

    /// Switches the inspection CA chain on or off (takes effect for new connections).
    public func setInspectionCertificate(_ enabled: Bool) {
        let observer = state.withLock { state in
            state.inspection = enabled
            return state.inspectionObserver
        }
        observer?(enabled)
    }

    /// Removes every fault, including the inspection chain.
    public func clear() {
        let wasInspecting = state.withLock { state in
            let before = state.inspection
            state.throttle = nil
            state.serverError = nil
            state.delay = nil
            state.connection = nil
            return before
        }
        if wasInspecting {
            setInspectionCertificate(false)
        }
    }

    /// How many throttled answers are still to come.
    public var pendingThrottles: Int {
        state.withLock { $0.throttle?.remaining ?? 0 }
    }

    /// How many 5xx answers are still to come.
    public var pendingServerErrors: Int {
        state.withLock { $0.serverError?.remaining ?? 0 }
    }

    /// How many connection faults are still to come.
    public var pendingConnectionFaults: Int {
        state.withLock { $0.connection?.remaining ?? 0 }
    }

    /// Takes the fault for the next accepted connection, counting it down; `nil` for none.
    public func nextConnectionFault() -> ConnectionFault? {
        state.withLock { $0.connection?.take(for: .vault) }
    }

    /// Takes the faults for one request to `host`, counting them down.
    func decision(for host: HostKind) -> Decision {
        state.withLock { state in
            var decision = Decision(delay: state.delay?.take(for: host))
            if let retryAfter = state.throttle?.take(for: host) {
                decision.substitute = .throttled(retryAfterSeconds: retryAfter)
            } else if let status = state.serverError?.take(for: host) {
                decision.substitute = .serverError(status: status)
            }
            return decision
        }
    }

    /// Calls `observer` whenever the inspection switch changes.
    func observeInspection(_ observer: @escaping @Sendable (Bool) -> Void) {
        state.withLock { $0.inspectionObserver = observer }
    }
}
