import Foundation
import MidkvCore

/// One pass of the offline rules over a parsed config.xml and the settings resolved from it.
///
/// Each rule lives in an extension (`ConfigReview+Names`, `+Values`, `+Mode`, `+Cloud`,
/// `+Loading`, `+Exposure`) and returns its findings; ``findings()`` runs them in the order an
/// administrator would read them.
struct ConfigReview {
    let file: MIDConfigFile
    let settings: Settings?
    let status: FileStatus?
    let runtime: MIDRuntimeFacts?
    let processes: [RunningProcess]
    let now: Date

    /// Every finding, rule by rule.
    func findings() -> [Finding] {
        elementFindings() + parameterNameFindings() + commentedFindings() + duplicateFindings()
            + missingFindings() + valueFindings() + cloudFindings() + loadingFindings() + exposureFindings()
            + encryptedFindings()
    }

    // MARK: - Looking parameters up

    /// The parameter the MID uses for `name`: the last one written.
    func live(_ name: String) -> MIDConfigParameter? {
        file.parameter(named: name)
    }

    /// The parameter for `name` when it holds something: plain text or an encrypted value.
    func present(_ name: String) -> MIDConfigParameter? {
        live(name).flatMap { $0.form == .empty ? nil : $0 }
    }

    /// The plain text of a parameter that holds no secret.
    func text(_ parameter: MIDConfigParameter) -> String? {
        parameter.readableValue
    }

    // MARK: - Building findings

    /// A finding of the config check, with the file (and line and parameter, when given) first
    /// in its evidence.
    func finding(
        _ severity: Finding.Severity,
        _ code: ErrorCode,
        _ message: String,
        line: Int? = nil,
        parameter: String? = nil,
        evidence: [Evidence] = [],
        cause: String? = nil,
        fix: String? = nil
    ) -> Finding {
        var located = [Evidence("file", file.path)]
        if let line {
            located.append(Evidence("line", String(line)))
        }
        if let parameter {
            located.append(Evidence("parameter", parameter))
        }
        return Finding(
            check: ConfigCheck.checkName,
            severity: severity,
            code: code,
            message: message,
            evidence: located + evidence,
            cause: cause,
            fix: fix
        )
    }

    /// `config.xml line 12`.
    func place(_ line: Int) -> String {
        "\(file.fileName) line \(line)"
    }

    /// The XML a parameter is written as, for fixes: `<parameter name="…" value="…"/>`.
    static func element(_ name: String, value: String = "…", secure: Bool? = nil) -> String {
        let attribute = secure.map { " secure=\"\($0)\"" } ?? ""
        return "<parameter name=\"\(name)\"\(attribute) value=\"\(value)\"/>"
    }
}
