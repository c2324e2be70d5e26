import MidkvCore
import MidkvDoctor
import Synchronization

/// Prints the doctor's findings one check at a time, as each check finishes, so a slow network
/// check never hides what the offline checks already found.
final class DoctorPrinter: FindingCollector {
    private struct State {
        var check: String?
        var pending: [Finding] = []
    }

    private let renderer: DoctorRenderer
    private let state = Mutex(State())

    init(renderer: DoctorRenderer) {
        self.renderer = renderer
    }

    func collect(_ finding: Finding) {
        let done = state.withLock { state -> (String, [Finding])? in
            defer {
                state.check = finding.check
                state.pending.append(finding)
            }
            guard let check = state.check, check != finding.check else {
                return nil
            }
            let finished = (check, state.pending)
            state.pending = []
            return finished
        }
        if let (check, findings) = done {
            print(check, findings)
        }
    }

    /// Prints the last check's findings.
    func flush() {
        let last = state.withLock { state -> (String, [Finding])? in
            defer { state = State() }
            return state.check.map { ($0, state.pending) }
        }
        if let (check, findings) = last {
            print(check, findings)
        }
    }

    private func print(_ check: String, _ findings: [Finding]) {
        renderer.console.out("\n" + renderer.section(check, findings))
    }
}
