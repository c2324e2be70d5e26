import Dispatch
import Foundation
import Synchronization

/// Turns SIGHUP into reloads and waits for SIGTERM or SIGINT, without blocking any thread.
///
/// `@unchecked Sendable`: the sources are set once in `init` and never changed; dispatch
/// sources may be resumed and cancelled from any thread.
final class ProcessSignals: @unchecked Sendable {
    private let hangUp: any DispatchSourceSignal
    private let terminations: [(name: String, source: any DispatchSourceSignal)]
    private let ended = Atomic(false)
    private let resumed = Atomic(false)

    /// Ignores SIGHUP, SIGINT and SIGTERM from now on, so none of them can end the process
    /// before ``wait(reloadingWith:)`` handles them.
    init() {
        for number in [SIGHUP, SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
        }
        let queue = DispatchQueue(label: "midkv.agent.signals")
        hangUp = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        terminations = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")].map { number, name in
            (name, DispatchSource.makeSignalSource(signal: number, queue: queue))
        }
    }

    /// Calls `reload` on every SIGHUP until SIGTERM or SIGINT arrives, then returns its name.
    func wait(reloadingWith reload: @escaping @Sendable () -> Void) async -> String {
        await withCheckedContinuation { continuation in
            install(reload: reload) { name in
                continuation.resume(returning: name)
            }
        }
    }

    private func install(reload: @escaping @Sendable () -> Void, end: @escaping @Sendable (String) -> Void) {
        hangUp.setEventHandler(handler: reload)
        for (name, source) in terminations {
            source.setEventHandler { [self] in
                finish(name, end: end)
            }
        }

        resumeSources()
    }

    /// Releases sources that were never resumed, as when the agent fails to start: dispatch
    /// traps when a suspended source is freed, so they are cancelled first, then resumed.
    deinit {
        guard !resumed.load(ordering: .sequentiallyConsistent) else {
            return
        }

        hangUp.cancel()
        for (_, source) in terminations {
            source.cancel()
        }
        resumeSources()
    }

    private func resumeSources() {
        resumed.store(true, ordering: .sequentiallyConsistent)
        hangUp.resume()
        for (_, source) in terminations {
            source.resume()
        }
    }

    private func finish(_ name: String, end: @Sendable (String) -> Void) {
        guard ended.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged else {
            return
        }

        hangUp.cancel()
        for (_, source) in terminations {
            source.cancel()
        }
        end(name)
    }
}
