/// Facts about the MID's life that the log shows, for checks that need them (such as whether the
/// MID restarted after config.xml changed). Times are as written: local unless the layout has a zone.
public struct MIDLogFacts: Sendable, Equatable, Encodable {
    /// The last `MID Server started` or `Initializing MID Server` record.
    public var lastStart: LogTimestamp?
    /// The last `MID Server stopping` record.
    public var lastStop: LogTimestamp?
    /// The last record where the Azure token manager or the credential resolver had a null
    /// tenant or client ID.
    public var lastNullTenantOrClient: LogTimestamp?
    /// The first timestamped record read.
    public var firstRecord: LogTimestamp?
    /// The last timestamped record read.
    public var lastRecord: LogTimestamp?

    /// Creates facts; every field starts unknown.
    public init(
        lastStart: LogTimestamp? = nil,
        lastStop: LogTimestamp? = nil,
        lastNullTenantOrClient: LogTimestamp? = nil,
        firstRecord: LogTimestamp? = nil,
        lastRecord: LogTimestamp? = nil
    ) {
        self.lastStart = lastStart
        self.lastStop = lastStop
        self.lastNullTenantOrClient = lastNullTenantOrClient
        self.firstRecord = firstRecord
        self.lastRecord = lastRecord
    }

    /// Writes every field, unknown ones as `null`, so the JSON shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lastStart, forKey: .lastStart)
        try container.encode(lastStop, forKey: .lastStop)
        try container.encode(lastNullTenantOrClient, forKey: .lastNullTenantOrClient)
        try container.encode(firstRecord, forKey: .firstRecord)
        try container.encode(lastRecord, forKey: .lastRecord)
    }

    private enum CodingKeys: String, CodingKey {
        case lastStart
        case lastStop
        case lastNullTenantOrClient
        case firstRecord
        case lastRecord
    }
}
