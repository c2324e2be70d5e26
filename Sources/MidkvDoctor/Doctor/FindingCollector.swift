import MidkvCore
import Synchronization

/// Receives findings as the doctor produces them, in report order.
///
/// The command line renders them as they arrive; tests keep them with ``FindingLog``.
public protocol FindingCollector: Sendable {
    /// Takes one finding.
    func collect(_ finding: Finding)
}

/// A collector that keeps every finding, safe to read from any thread.
public final class FindingLog: FindingCollector {
    private let storage = Mutex<[Finding]>([])

    /// Creates an empty log.
    public init() {}

    public func collect(_ finding: Finding) {
        storage.withLock { $0.append(finding) }
    }

    /// The findings collected so far, in order.
    public var findings: [Finding] {
        storage.withLock { $0 }
    }
}

/// A collector that passes findings on to a function.
public struct FindingHandler: FindingCollector {
    private let body: @Sendable (Finding) -> Void

    /// Creates a collector that calls `body` with each finding.
    public init(_ body: @escaping @Sendable (Finding) -> Void) {
        self.body = body
    }

    public func collect(_ finding: Finding) {
        body(finding)
    }
}
