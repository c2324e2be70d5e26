import Foundation
import MidkvCore
import MidkvDoctor
import MidkvSupport
import Testing

/// Lints `value` (for `type`) and checks that no finding shows the canary marker.
func lint(
    _ value: String,
    type: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> [Finding] {
    let findings = SecretLinter(credentialType: type).lint(Secret(value))
    expectNoCanary(findings, sourceLocation: sourceLocation)
    return findings
}

/// Lints raw bytes, as read from a file.
func lint(
    bytes: [UInt8],
    type: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> [Finding] {
    let findings = SecretLinter(credentialType: type).lint(contentsOf: bytes)
    expectNoCanary(findings, sourceLocation: sourceLocation)
    return findings
}

/// Every text of every finding, for searching.
func texts(of findings: [Finding]) -> [String] {
    findings.flatMap { finding in
        [finding.message, finding.cause ?? "", finding.fix ?? ""] + finding.evidence.map(\.description)
    }
}

/// Fails when any finding text holds the canary marker or `secrets`.
func expectNoCanary(
    _ findings: [Finding],
    secrets: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let markers = [SecretSamples.canary] + secrets
    let leaked = texts(of: findings).contains { text in markers.contains { text.contains($0) } }
    #expect(!leaked, "a finding shows a secret value", sourceLocation: sourceLocation)
}

extension [Finding] {
    /// The codes, in order.
    var codes: [String] {
        map(\.code.rawValue)
    }

    /// The codes with their severities, such as `error secret.not-json`.
    var summary: [String] {
        map { "\($0.severity) \($0.code)" }
    }

    /// The first finding with `code`.
    func first(_ code: String) -> Finding? {
        first { $0.code.rawValue == code }
    }
}

extension Finding {
    /// The value of the first piece of evidence labelled `label`.
    func seen(_ label: String) -> String? {
        evidence.first { $0.label == label }?.value
    }
}
