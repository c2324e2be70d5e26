import Foundation
import MidkvCore

/// Serialises command results as JSON documents with sorted keys and readable indentation.
enum JSONOutput {
    /// `object` as pretty-printed JSON text.
    static func render(_ object: [String: Any]) -> String {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: options)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The JSON form of an error: code, message, evidence, cause and fix.
    static func error(_ error: MidkvError) -> [String: Any] {
        var object: [String: Any] = [
            "code": error.code.rawValue,
            "message": error.message,
            "evidence": error.evidence.map { ["label": $0.label, "value": $0.value] },
            "fix": error.fix,
        ]
        object["cause"] = error.cause
        return object
    }

    /// The JSON form of a finding.
    static func finding(_ finding: Finding) -> [String: Any] {
        var object: [String: Any] = [
            "check": finding.check,
            "severity": finding.severity.description,
            "code": finding.code.rawValue,
            "message": finding.message,
            "evidence": finding.evidence.map { ["label": $0.label, "value": $0.value] },
        ]
        object["cause"] = finding.cause
        object["fix"] = finding.fix
        return object
    }
}
