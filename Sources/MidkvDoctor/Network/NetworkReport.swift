import MidkvCore

/// Everything a network check found: each hop on each path, and the findings they add up to.
public struct NetworkReport: Sendable {
    /// The hops, in the order they ran.
    public var hops: [HopReport]
    /// The findings, in hop order, those of the paths the MID takes first: faults with their
    /// fixes, passes with their timings, then the notes about paths it does not take.
    public var findings: [Finding]
    /// The name servers this machine is configured with.
    public var nameServers: [String]
    /// The findings each hop led to, in the order of ``hops``. A finding that concerns several
    /// hops, such as a proxy that cannot be reached, is listed under each of them.
    public var hopFindings: [[Finding]]

    /// Creates a report.
    public init(hops: [HopReport], findings: [Finding], nameServers: [String], hopFindings: [[Finding]] = []) {
        self.hops = hops
        self.findings = findings
        self.nameServers = nameServers
        self.hopFindings = hopFindings
    }

    /// The error that explains why `hop` failed, when it failed on a path the MID takes.
    public func failure(of hop: HopReport) -> Finding? {
        guard let index = hops.firstIndex(where: { $0.hop == hop.hop && $0.path == hop.path }),
            index < hopFindings.count
        else {
            return nil
        }
        return hopFindings[index].first { $0.severity == .error }
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
