import CCurl
import Foundation
import Synchronization

/// A libcurl multi handle driven by one dedicated thread.
///
/// Callers hand in transfers and cancellations through a locked inbox and wake the thread with
/// `curl_multi_wakeup`; the thread adds and removes easy handles, runs libcurl, and resumes each
/// caller when its transfer ends. All transfers share the multi handle's connection cache, so
/// requests to the same host reuse kept-alive connections.
///
/// The multi handle is used by the loop thread only, except for `curl_multi_wakeup`, which
/// libcurl allows from any thread and which runs under the inbox lock so it never races
/// `curl_multi_cleanup`. Hence the unchecked `Sendable` conformance.
final class CurlMultiLoop: @unchecked Sendable {
    private struct Inbox {
        var pending: [CurlTransfer] = []
        var cancelled: [CurlTransfer] = []
        var isStopping = false
        var isClosed = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())

    /// Creates the multi handle and starts its thread; `nil` when libcurl cannot start.
    init?() {
        guard CurlRuntime.prepare(), let multi = curl_multi_init() else {
            return nil
        }

        self.multi = multi
        let thread = Thread { [self] in
            run()
        }
        thread.name = "midkv-curl"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Queues `transfer`; returns `false` when the loop has been stopped.
    func submit(_ transfer: CurlTransfer) -> Bool {
        inbox.withLock { inbox in
            guard !inbox.isStopping else {
                return false
            }

            inbox.pending.append(transfer)
            wake(inbox)
            return true
        }
    }

    /// Asks the loop to end `transfer` with `cancelled`, wherever it is.
    func cancel(_ transfer: CurlTransfer) {
        transfer.requestCancel()
        inbox.withLock { inbox in
            inbox.cancelled.append(transfer)
            wake(inbox)
        }
    }

    /// Ends every transfer with `cancelled` and lets the thread exit. Safe to call repeatedly.
    func stop() {
        inbox.withLock { inbox in
            inbox.isStopping = true
            wake(inbox)
        }
    }

    private func wake(_ inbox: Inbox) {
        if !inbox.isClosed {
            curl_multi_wakeup(multi)
        }
    }

    // MARK: - Loop thread

    private func run() {
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        while true {
            let work = takeWork()
            start(work.pending, in: &active)
            cancel(work.cancelled, in: &active)

            if work.isStopping {
                break
            }

            perform(&active)
            var ready: Int32 = 0
            curl_multi_poll(multi, nil, 0, 1000, &ready)
        }

        shutDown(&active)
    }

    private func takeWork() -> Inbox {
        inbox.withLock { inbox in
            let work = inbox
            inbox.pending.removeAll()
            inbox.cancelled.removeAll()
            return work
        }
    }

    private func start(_ transfers: [CurlTransfer], in active: inout [UnsafeMutableRawPointer: CurlTransfer]) {
        for transfer in transfers {
            guard !transfer.isCancelRequested else {
                transfer.finish(.failure(transfer.error(.cancelled, "the request was cancelled")))
                continue
            }

            guard curl_multi_add_handle(multi, transfer.handle) == CURLM_OK else {
                transfer.finish(.failure(transfer.error(.other, "libcurl could not start the transfer")))
                continue
            }
            active[transfer.handle] = transfer
        }
    }

    private func cancel(_ transfers: [CurlTransfer], in active: inout [UnsafeMutableRawPointer: CurlTransfer]) {
        for transfer in transfers where active[transfer.handle] === transfer {
            remove(transfer, from: &active)
            transfer.finish(.failure(transfer.error(.cancelled, "the request was cancelled")))
        }
    }

    private func perform(_ active: inout [UnsafeMutableRawPointer: CurlTransfer]) {
        var running: Int32 = 0
        curl_multi_perform(multi, &running)

        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE,
                let handle = message.pointee.easy_handle,
                let transfer = active[handle]
            else {
                continue
            }

            let outcome = transfer.outcome(of: message.pointee.data.result)
            remove(transfer, from: &active)
            transfer.finish(outcome)
        }
    }

    private func remove(_ transfer: CurlTransfer, from active: inout [UnsafeMutableRawPointer: CurlTransfer]) {
        curl_multi_remove_handle(multi, transfer.handle)
        active[transfer.handle] = nil
    }

    private func shutDown(_ active: inout [UnsafeMutableRawPointer: CurlTransfer]) {
        let leftover = inbox.withLock { inbox in
            inbox.isClosed = true
            return inbox.pending
        }

        for transfer in Array(active.values) + leftover {
            remove(transfer, from: &active)
            transfer.finish(.failure(transfer.error(.cancelled, "the HTTP client was shut down")))
        }
        curl_multi_cleanup(multi)
    }
}
