import MidkvCore

/// Everything a network check found: each hop on each path, and the findings they add up to.
public struct NetworkReport: Sendable {
    /// The hops, in the order they ran.
    public var hops: [HopReport]
    /// The findings, in hop order: faults with their fixes, and passes with their timings.
    public var findings: [Finding]
    /// The name servers this machine is configured with.
    public var nameServers: [String]

    /// Creates a report.
    public init(hops: [HopReport], findings: [Finding], nameServers: [String]) {
        self.hops = hops
        self.findings = findings
        self.nameServers = nameServers
    }

    /// The report for `host` on `path`, when that hop ran.
    public func hop(_ host: String, path: NetworkPath = .direct) -> HopReport? {
        hops.first { $0.hop.host == host && $0.path == path }
    }

    /// The findings that carry `code`.
    public func findings(_ code: ErrorCode) -> [Finding] {
        findings.filter { $0.code == code }
    }
}
