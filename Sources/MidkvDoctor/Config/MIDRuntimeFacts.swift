import Foundation

/// What is known, outside config.xml, about the MID Server that reads it: from its agent log.
///
/// The doctor fills this from a log scan; the config check uses it to tell whether the MID has
/// loaded the file as it is now.
public struct MIDRuntimeFacts: Sendable, Equatable {
    /// When the MID last started, according to the log.
    public var lastStart: Date?
    /// When the MID last logged a null tenant or client ID for the Azure resolver.
    public var lastNullTenantOrClient: Date?
    /// Where the facts come from, for evidence: `agent log`.
    public var source: String

    /// Creates facts.
    public init(lastStart: Date? = nil, lastNullTenantOrClient: Date? = nil, source: String = "agent log") {
        self.lastStart = lastStart
        self.lastNullTenantOrClient = lastNullTenantOrClient
        self.source = source
    }
}
