import MidkvCore

extension ScanState {
    /// The report: masked summaries, one finding each, file findings, and a passing finding when
    /// records were read and nothing matched.
    func report() -> LogScanReport {
        let summaries = tallies.map(summary)
        let signatureFindings = zip(tallies, summaries).map { finding(for: $0, summary: $1) }
        let all = signatureFindings + fileFindings + (tallies.isEmpty ? cleanFinding().map { [$0] } ?? [] : [])

        let order = all.indices.sorted { (all[$1].severity, $0) < (all[$0].severity, $1) }
        let summaryOrder = summaries.indices.sorted {
            (summaries[$1].severity, $0) < (summaries[$0].severity, $1)
        }
        return LogScanReport(
            findings: order.map { all[$0] },
            signatures: summaryOrder.map { summaries[$0] },
            facts: facts,
            files: files,
            skipped: skipped
        )
    }

    private func summary(_ tally: SignatureTally) -> LogSignatureSummary {
        let signature = matcher.signatures[tally.signature]
        var sample = tally.sample
        sample.text = LogMasker.maskAndShorten(sample.text)
        sample.matchedText = sample.matchedText.map { LogMasker.maskAndShorten($0) }

        return LogSignatureSummary(
            code: signature.code,
            variant: tally.variant,
            severity: signature.severity(occurrences: tally.count),
            count: tally.count,
            first: tally.first,
            last: tally.last,
            sample: sample,
            host: tally.host
        )
    }

    private func finding(for tally: SignatureTally, summary: LogSignatureSummary) -> Finding {
        let explanation = matcher.signatures[tally.signature].explain(tally.variant)
        return Finding(
            check: MIDLogScanner.check,
            severity: summary.severity,
            code: summary.code,
            message: explanation.message,
            evidence: evidence(for: summary),
            cause: explanation.cause,
            fix: explanation.fix
        )
    }

    private func evidence(for summary: LogSignatureSummary) -> [Evidence] {
        let sample = summary.sample
        let optional: [(String, String?)] = [
            ("occurrences", "\(summary.count)"),
            ("first seen", summary.first?.description),
            ("last seen", summary.last?.description),
            ("latest at", sample.location),
            ("latest line", sample.text),
            ("matched at", sample.matchedLine.map { "\(sample.file):\($0)" }),
            ("matched line", sample.matchedText),
            ("host", summary.host),
            ("last MID start", summary.code == .logConfigNotLoaded ? facts.lastStart?.description : nil),
        ]
        return optional.compactMap { label, value in value.map { Evidence(label, $0) } }
    }

    private func cleanFinding() -> Finding? {
        let read = files.filter { $0.firstRecord != nil }
        guard !read.isEmpty else {
            return nil
        }

        let count = read.reduce(0) { $0 + $1.records }
        let records = count == 1 ? "1 record" : "\(count) records"
        let period = [facts.firstRecord, facts.lastRecord].compactMap { $0?.description }.joined(separator: " to ")
        return Finding(
            check: MIDLogScanner.check,
            severity: .ok,
            code: .logClean,
            message: "No known credential failure in \(records)",
            evidence: [Evidence("files", "\(read.count)"), Evidence("period", period)]
        )
    }
}
