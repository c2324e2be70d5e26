import Glibc
import Synchronization

/// Answers name lookups from a fixed table and asks no name server: for tests, and for hosts a
/// caller has pinned to addresses of its own choosing.
///
/// Names are compared case-insensitively. A name missing from the table gets `EAI_NONAME`, as an
/// authoritative "no such name" would. An answer may be held back for a while to play a slow
/// resolver.
public final class StaticNameResolver: NameResolver {
    private let answers: [String: NameResolution]
    private let delay: Duration
    private let asked = Mutex<[String]>([])

    /// Creates a resolver.
    ///
    /// - Parameters:
    ///   - answers: The answer for each name.
    ///   - delay: How long each lookup takes; none unless given.
    public init(_ answers: [String: NameResolution], delay: Duration = .zero) {
        self.answers = Dictionary(answers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.delay = delay
    }

    public var asksNameServers: Bool {
        false
    }

    /// Every name looked up so far, in order.
    public var lookups: [String] {
        asked.withLock { $0 }
    }

    public func resolve(_ host: String) -> NameResolution {
        asked.withLock { $0.append(host) }
        if delay > .zero {
            let (seconds, attoseconds) = delay.components
            var pause = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
            nanosleep(&pause, nil)
        }

        let unknown = NameResolution.failure(code: EAI_NONAME, text: String(cString: gai_strerror(EAI_NONAME)))
        return answers[host.lowercased()] ?? unknown
    }

    /// The answer `getaddrinfo` gives when no resolver answered (`EAI_AGAIN`).
    public static let noResolverAnswered = NameResolution.failure(
        code: EAI_AGAIN,
        text: String(cString: gai_strerror(EAI_AGAIN))
    )

    /// The answer `getaddrinfo` gives for a name that does not exist (`EAI_NONAME`).
    public static let noSuchName = NameResolution.failure(
        code: EAI_NONAME,
        text: String(cString: gai_strerror(EAI_NONAME))
    )
}
