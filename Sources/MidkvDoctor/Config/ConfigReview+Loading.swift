import Foundation
import MidkvCore

extension ConfigReview {
    /// How long after its start a MID may still rewrite config.xml itself (encrypting secure values).
    static let startRewriteAllowance: TimeInterval = 120

    /// One sign that the MID runs with another version of the file than the one on disk.
    private struct Sign {
        var severity: Finding.Severity
        var evidence: [Evidence]
        var reason: String
    }

    // MARK: - config.not-loaded

    /// Whether the running MID has loaded the file as it is now: secure values still in plain text,
    /// changes after the MID process or the logged start, null IDs logged after the last change.
    func loadingFindings() -> [Finding] {
        let signs = processSigns() + logSigns() + plainOnlySign()
        guard let worst = signs.map(\.severity).max() else {
            return []
        }

        let shown = worst == .error ? signs.filter { $0.severity == .error } : signs
        var evidence = plainSecure.isEmpty ? [] : [Evidence("secure values in plain text", plainSecureNames)]
        evidence += status.map { [Evidence("config.xml changed", time($0.modified))] } ?? []
        return [
            finding(
                worst,
                .configNotLoaded,
                worst == .error
                    ? "The running MID has not loaded this config.xml: " + shown.map(\.reason).joined(separator: "; ")
                    : "This config.xml may not be loaded by the MID yet: "
                        + shown.map(\.reason).joined(separator: "; "),
                evidence: evidence + signs.flatMap(\.evidence),
                cause: "A MID reads config.xml only when it starts, and then rewrites every secure=\"true\" value "
                    + "in encrypted form. Plain secure values, or changes after the last start, mean the running "
                    + "MID still works with the values it read before.",
                fix: "Restart the MID Server service on the host whose agent folder holds \(file.path), then test "
                    + "the credential again. Parameters set on the MID Server record in the instance take priority "
                    + "over the file."
            )
        ]
    }

    private var plainSecure: [MIDConfigParameter] {
        var seen: Set<String> = []
        return file.parameters.reversed().filter { $0.isSecure && $0.form == .plain && seen.insert($0.name).inserted }
            .reversed()
    }

    private var plainSecureNames: String {
        plainSecure.map { "\($0.name) (line \($0.line))" }.joined(separator: ", ")
    }

    private func processSigns() -> [Sign] {
        let folder = URL(fileURLWithPath: file.path).deletingLastPathComponent().standardizedFileURL.path
        let mids = processes.filter { $0.isJava && $0.runs(from: folder) }
        guard let mid = mids.max(by: { ($0.started ?? .distantPast) < ($1.started ?? .distantPast) }) else {
            return []
        }

        let started = mid.started.map { ", started \(time($0))" } ?? ""
        let seen = [Evidence("running MID", "process \(mid.pid)\(started)")]
        var signs: [Sign] = []
        if !plainSecure.isEmpty {
            signs.append(
                Sign(
                    severity: .error,
                    evidence: seen,
                    reason: "a MID runs from this folder, yet secure "
                        + "values are still in plain text"
                )
            )
        }
        if let start = mid.started, let changed = status?.modified,
            changed > start.addingTimeInterval(Self.startRewriteAllowance)
        {
            signs.append(
                Sign(
                    severity: plainSecure.isEmpty ? .warning : .error,
                    evidence: seen,
                    reason: "the file changed after the MID process started"
                )
            )
        }
        return signs
    }

    private func logSigns() -> [Sign] {
        guard let runtime else {
            return []
        }

        let changed = status?.modified
        var signs: [Sign] = []
        if let start = runtime.lastStart, let changed, changed > start.addingTimeInterval(Self.startRewriteAllowance) {
            signs.append(
                Sign(
                    severity: plainSecure.isEmpty ? .warning : .error,
                    evidence: [Evidence("last MID start (\(runtime.source))", time(start))],
                    reason: "the file changed after the MID last started"
                )
            )
        }
        if let null = runtime.lastNullTenantOrClient, loadedBefore(null, changed: changed, runtime: runtime) {
            signs.append(
                Sign(
                    severity: .error,
                    evidence: [Evidence("null tenant or client logged (\(runtime.source))", time(null))],
                    reason: "the MID still logged a null tenant or client ID after the file was changed"
                )
            )
        }
        return signs
    }

    /// Whether the null IDs were logged by a MID that started before the file's last change.
    private func loadedBefore(_ null: Date, changed: Date?, runtime: MIDRuntimeFacts) -> Bool {
        guard let changed else {
            return !plainSecure.isEmpty
        }
        let startedBeforeChange = runtime.lastStart.map { $0 < changed } ?? true
        return null > changed && startedBeforeChange
    }

    private func plainOnlySign() -> [Sign] {
        guard !plainSecure.isEmpty else {
            return []
        }
        return [
            Sign(
                severity: .warning,
                evidence: [],
                reason: "secure values are in plain text, so no MID has started with them yet"
            )
        ]
    }

    /// An instant for evidence: `2026-03-02T10:12:00Z (12 minutes ago)`.
    func time(_ date: Date) -> String {
        let stamp = date.formatted(.iso8601)
        let minutes = Int((now.timeIntervalSince(date) / 60).rounded())
        guard minutes >= 0 else {
            return stamp
        }
        return "\(stamp) (\(minutes) minute\(minutes == 1 ? "" : "s") ago)"
    }
}
