import MidkvCore

/// Everything a doctor run found, in the order a support engineer reads it.
///
/// Findings keep the order the checks ran in: config, credential-id, logs, network, identity,
/// vault, credential. A check that could not run is reported by a `doctor.skipped` note with the
/// reason, so the report always says what was and was not examined. The exit status is 0 when no
/// finding is an error and 1 when any is.
public struct DoctorReport: Sendable {
    /// The check names, in the order the doctor runs them.
    public static let checkOrder = ["config", "credential-id", "logs", "network", "identity", "vault", "credential"]

    /// The findings of one check.
    public struct Section: Sendable {
        /// The check name.
        public var check: String
        /// Its findings, in order.
        public var findings: [Finding]
    }

    /// How many findings of each severity, and how many skips.
    public struct Summary: Sendable, Equatable {
        /// Findings that are errors.
        public var errors: Int
        /// Findings that are warnings.
        public var warnings: Int
        /// Notes, not counting skips.
        public var notes: Int
        /// Passed checks.
        public var ok: Int
        /// Checks (or parts of checks) that did not run.
        public var skipped: Int
    }

    /// Every finding, in order.
    public var findings: [Finding]
    /// What the run knew about the setup, for the JSON document.
    public var facts: DoctorFacts

    /// Creates a report.
    public init(findings: [Finding], facts: DoctorFacts = DoctorFacts()) {
        self.findings = findings
        self.facts = facts
    }

    /// The findings grouped by check, checks in the order they first appear.
    public var sections: [Section] {
        var order: [String] = []
        for finding in findings where !order.contains(finding.check) {
            order.append(finding.check)
        }
        return order.map { check in
            Section(check: check, findings: findings.filter { $0.check == check })
        }
    }

    /// The counts per severity.
    public var summary: Summary {
        let count = { (severity: Finding.Severity) in findings.count { $0.severity == severity } }
        return Summary(
            errors: count(.error),
            warnings: count(.warning),
            notes: findings.count { $0.severity == .note && !$0.isSkipped },
            ok: count(.ok),
            skipped: findings.count(where: \.isSkipped)
        )
    }

    /// The errors, in order.
    public var errors: [Finding] {
        findings.filter { $0.severity == .error }
    }

    /// Whether any finding is an error.
    public var hasErrors: Bool {
        findings.contains { $0.severity == .error }
    }

    /// The process exit status: 0 without errors, 1 with.
    public var exitStatus: Int32 {
        hasErrors ? 1 : 0
    }
}

/// What the doctor learned about the setup while checking it; no secret values.
public struct DoctorFacts: Sendable, Equatable {
    /// The config.xml checked, if any.
    public var configFile: String?
    /// How midkv signs in, when it can.
    public var signIn: String?
    /// The vault hosts checked.
    public var vaultHosts: [String] = []
    /// The principal the token was issued to, when a token was obtained.
    public var principal: String?
    /// When the MID last started, according to its log.
    public var lastMIDStart: String?
    /// Whether the run was offline.
    public var offline = false

    /// Creates empty facts.
    public init() {}
}
