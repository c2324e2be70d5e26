import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM without blocking any thread.
enum ShutdownSignal {
    /// Suspends until SIGINT or SIGTERM arrives and returns its name.
    static func wait() async -> String {
        await withCheckedContinuation { continuation in
            let queue = DispatchQueue(label: "midkv.signals")
            let once = OnceFlag()
            var sources: [any DispatchSourceSignal] = []
            for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler {
                    guard once.claim() else {
                        return
                    }
                    for source in sources {
                        source.cancel()
                    }
                    continuation.resume(returning: name)
                }
                sources.append(source)
            }
            queue.sync {
                for source in sources {
                    source.resume()
                }
            }
        }
    }
}
