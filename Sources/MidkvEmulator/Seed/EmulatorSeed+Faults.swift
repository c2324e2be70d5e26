import Foundation

extension EmulatorSeed {
    /// Faults in force when the emulator starts; the same switches exist at run time on
    /// ``EmulatorFaults``.
    public struct Faults: Codable, Sendable, Equatable {
        /// Answer the next requests with 429 `Throttled`.
        public var throttle: Throttle?
        /// Answer the next requests with a 5xx status.
        public var serverError: ServerError?
        /// Hold answers back for a while.
        public var delay: Delay?
        /// Break the next connections before any answer.
        public var connection: Connection?
        /// Present a certificate chain from an inspection CA instead of the emulator's CA.
        public var inspectionCertificate: Bool

        /// Creates a fault set; the default has no faults.
        public init(
            throttle: Throttle? = nil,
            serverError: ServerError? = nil,
            delay: Delay? = nil,
            connection: Connection? = nil,
            inspectionCertificate: Bool = false
        ) {
            self.throttle = throttle
            self.serverError = serverError
            self.delay = delay
            self.connection = connection
            self.inspectionCertificate = inspectionCertificate
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case throttle
            case serverError
            case delay
            case connection
            case inspectionCertificate
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            throttle = try container.decodeIfPresent(Throttle.self, forKey: .throttle)
            serverError = try container.decodeIfPresent(ServerError.self, forKey: .serverError)
            delay = try container.decodeIfPresent(Delay.self, forKey: .delay)
            connection = try container.decodeIfPresent(Connection.self, forKey: .connection)
            inspectionCertificate = try container.decodeIfPresent(Bool.self, forKey: .inspectionCertificate) ?? false
        }
    }

    /// 429 answers for the next `count` requests to `hosts`.
    public struct Throttle: Codable, Sendable, Equatable {
        /// How many requests to throttle.
        public var count: Int
        /// The `Retry-After` header in seconds, or `nil` to send none (as the one recorded
        /// Key Vault 429 did).
        public var retryAfterSeconds: Int?
        /// Which hosts: `vault`, `login`, `imds`. Default `["vault"]`.
        public var hosts: [EmulatorFaults.HostKind]

        /// Creates a throttle fault.
        public init(count: Int, retryAfterSeconds: Int? = nil, hosts: [EmulatorFaults.HostKind] = [.vault]) {
            self.count = count
            self.retryAfterSeconds = retryAfterSeconds
            self.hosts = hosts
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case count
            case retryAfterSeconds
            case hosts
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            count = try container.decode(Int.self, forKey: .count)
            retryAfterSeconds = try container.decodeIfPresent(Int.self, forKey: .retryAfterSeconds)
            hosts = try container.decodeIfPresent([EmulatorFaults.HostKind].self, forKey: .hosts) ?? [.vault]
        }
    }

    /// A 5xx answer for the next `count` requests to `hosts`.
    public struct ServerError: Codable, Sendable, Equatable {
        /// How many requests to fail.
        public var count: Int
        /// The status, 500 to 599. Default 503.
        public var status: Int
        /// Which hosts: `vault`, `login`, `imds`. Default `["vault"]`.
        public var hosts: [EmulatorFaults.HostKind]

        /// Creates a server-error fault.
        public init(count: Int, status: Int = 503, hosts: [EmulatorFaults.HostKind] = [.vault]) {
            self.count = count
            self.status = status
            self.hosts = hosts
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case count
            case status
            case hosts
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            count = try container.decode(Int.self, forKey: .count)
            status = try container.decodeIfPresent(Int.self, forKey: .status) ?? 503
            hosts = try container.decodeIfPresent([EmulatorFaults.HostKind].self, forKey: .hosts) ?? [.vault]
        }
    }

    /// Slow answers: each answer to `hosts` waits `milliseconds` first.
    public struct Delay: Codable, Sendable, Equatable {
        /// How long to wait before answering.
        public var milliseconds: Int
        /// How many answers to delay; `nil` for every answer until cleared.
        public var count: Int?
        /// Which hosts: `vault`, `login`, `imds`. Default all three.
        public var hosts: [EmulatorFaults.HostKind]

        /// Creates a delay fault.
        public init(
            milliseconds: Int,
            count: Int? = nil,
            hosts: [EmulatorFaults.HostKind] = EmulatorFaults.HostKind.allCases
        ) {
            self.milliseconds = milliseconds
            self.count = count
            self.hosts = hosts
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case milliseconds
            case count
            case hosts
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            milliseconds = try container.decode(Int.self, forKey: .milliseconds)
            count = try container.decodeIfPresent(Int.self, forKey: .count)
            hosts =
                try container.decodeIfPresent([EmulatorFaults.HostKind].self, forKey: .hosts)
                ?? EmulatorFaults.HostKind.allCases
        }
    }

    /// A connection-level fault for the next `count` connections.
    public struct Connection: Codable, Sendable, Equatable {
        /// What happens to a connection.
        public enum Action: String, Codable, Sendable, CaseIterable {
            /// Reset (RST) as soon as the connection is accepted.
            case reset
            /// Reset in the middle of the TLS handshake.
            case resetDuringHandshake
            /// Close without answering.
            case closeWithoutReply
            /// Accept and never answer, for `hangMilliseconds`.
            case hang
        }

        /// What to do.
        public var action: Action
        /// How many connections; default 1.
        public var count: Int
        /// For `hang`: how long to hold the connection. Default 60000.
        public var hangMilliseconds: Int

        /// Creates a connection fault.
        public init(action: Action, count: Int = 1, hangMilliseconds: Int = 60000) {
            self.action = action
            self.count = count
            self.hangMilliseconds = hangMilliseconds
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case action
            case count
            case hangMilliseconds
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            action = try container.decode(Action.self, forKey: .action)
            count = try container.decodeIfPresent(Int.self, forKey: .count) ?? 1
            hangMilliseconds = try container.decodeIfPresent(Int.self, forKey: .hangMilliseconds) ?? 60000
        }

        /// The fault as the emulator applies it.
        var fault: ConnectionFault {
            switch action {
            case .reset: .reset
            case .resetDuringHandshake: .resetDuringHandshake
            case .closeWithoutReply: .closeWithoutReply
            case .hang: .hang(.milliseconds(hangMilliseconds))
            }
        }
    }
}
