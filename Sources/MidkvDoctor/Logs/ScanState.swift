import MidkvCore

/// What a scan gathers across files: signature tallies, facts, file statistics and skipped files.
struct ScanState {
    /// The most variants one signature keeps apart; later ones count as `other`.
    static let variantLimit = 12

    let matcher: SignatureMatcher
    private var classifier: RecordClassifier
    private(set) var tallies: [SignatureTally] = []
    private var tallyIndex: [String: Int] = [:]
    private(set) var facts = MIDLogFacts()
    private(set) var files: [LogFileStats] = []
    private(set) var skipped: [SkippedLogFile] = []
    private(set) var fileFindings: [Finding] = []

    init(matcher: SignatureMatcher) {
        self.matcher = matcher
        self.classifier = RecordClassifier(matcher: matcher)
    }

    /// Looks at one record of `file`.
    mutating func take(_ record: borrowing RecordBuffer, file: String) {
        guard let observation = classifier.observe(record) else {
            return
        }
        let time = record.timestamp
        note(observation.markers, at: time)

        guard let match = observation.match else {
            return
        }
        let signature = matcher.signatures[match.signature]
        if signature.code == .logConfigNotLoaded {
            facts.lastNullTenantOrClient = time ?? facts.lastNullTenantOrClient
        }

        let variant = variant(of: signature, match: match, record: record, observation: observation)
        let sample = sample(of: record, file: file, line: match.line, observation: observation)
        let index = tally(signature: match.signature, variant: variant, sample: sample)
        tallies[index].add(time: time, sample: sample, host: observation.host)
    }

    /// Records the statistics of a file read to its end.
    mutating func finish(_ stats: LogFileStats) {
        files.append(stats)
        facts.firstRecord = facts.firstRecord ?? stats.firstRecord
        facts.lastRecord = stats.lastRecord ?? facts.lastRecord
        guard stats.bytes > 0, stats.firstRecord == nil else {
            return
        }

        fileFindings.append(
            Finding(
                check: MIDLogScanner.check,
                severity: .note,
                code: .logUnrecognized,
                message: "No MID agent log record in \(stats.path)",
                evidence: [Evidence("file", stats.path), Evidence("lines", "\(stats.lines)")],
                cause:
                    """
                    No line starts with a timestamp in a layout the MID writes; this may be wrapper.log \
                    or another file.
                    """,
                fix: "Scan the agent logs: agent/logs/agent0.log.0 and its rotations agent0.log.1 to .9."
            )
        )
    }

    /// Records a file that was not read.
    mutating func skip(_ error: MidkvError, path: String) {
        let severity: Finding.Severity = error.code == .logCompressed ? .note : .error
        skipped.append(SkippedLogFile(path: path, code: error.code.rawValue, reason: error.message))
        fileFindings.append(Finding(error: error, check: MIDLogScanner.check, severity: severity))
    }

    private mutating func note(_ markers: [SignatureMatcher.Marker], at time: LogTimestamp?) {
        guard let time else {
            return
        }
        for marker in markers {
            switch marker {
            case .start: facts.lastStart = time
            case .stop: facts.lastStop = time
            }
        }
    }

    private mutating func tally(signature: Int, variant: String?, sample: LogSample) -> Int {
        let key = "\(signature)|\(variant ?? "")"
        if let index = tallyIndex[key] {
            return index
        }

        let known = tallies.count { $0.signature == signature }
        guard known < Self.variantLimit || variant == nil || variant == "other" else {
            return tally(signature: signature, variant: "other", sample: sample)
        }
        tallies.append(SignatureTally(signature: signature, variant: variant, sample: sample))
        tallyIndex[key] = tallies.count - 1
        return tallies.count - 1
    }

    private func variant(
        of signature: LogSignature,
        match: (signature: Int, trigger: Int, line: Int),
        record: borrowing RecordBuffer,
        observation: RecordClassifier.Observation
    ) -> String? {
        switch signature.variantRule {
        case .none:
            return nil
        case .trigger:
            return signature.triggers[match.trigger].variant
        case .aadsts:
            let line = match.line < record.keptLineCount ? record.line(match.line) : observation.firstLine
            return RecordVariant.aadsts(in: line)
        case .exceptionClass:
            return RecordVariant.exceptionClass(in: [observation.fields.message] + record.lines.dropFirst())
        }
    }

    private func sample(
        of record: borrowing RecordBuffer,
        file: String,
        line: Int,
        observation: RecordClassifier.Observation
    ) -> LogSample {
        let matched = line > 0 && line < record.keptLineCount
        return LogSample(
            file: file,
            line: record.firstLine,
            thread: observation.fields.thread,
            text: observation.firstLine,
            matchedLine: matched ? record.firstLine + line : nil,
            matchedText: matched ? record.line(line) : nil
        )
    }
}
