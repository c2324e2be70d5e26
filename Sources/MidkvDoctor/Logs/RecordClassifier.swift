/// Decides which signature a record matches, remembering per thread which contexts (such as a
/// Key Vault host) were mentioned recently.
struct RecordClassifier {
    /// What one record with a trigger or marker showed.
    struct Observation {
        /// The signature and trigger matched, if any.
        var match: (signature: Int, trigger: Int, line: Int)?
        /// Lifecycle markers in the record.
        var markers: [SignatureMatcher.Marker]
        /// The record's first line and its fields.
        var firstLine: String
        var fields: RecordFields
        /// A Key Vault or Entra ID host named in or near the record.
        var host: String?
    }

    private struct Mention {
        var record: Int
        var host: String?
    }

    /// How many records back an earlier mention on the same thread still counts.
    static let window = 200
    /// The most threads remembered; past it, memory of mentions starts over.
    static let threadLimit = 4096

    let matcher: SignatureMatcher
    private var recordIndex = 0
    private var mentions: [UInt64: [LogSignature.Context: Mention]] = [:]

    init(matcher: SignatureMatcher) {
        self.matcher = matcher
    }

    /// Looks at the next record; `nil` when it holds no trigger or marker (contexts it mentions
    /// are remembered for later records of its thread).
    mutating func observe(_ record: borrowing RecordBuffer) -> Observation? {
        recordIndex += 1
        guard !record.hits.isEmpty else {
            return nil
        }

        let thread =
            record.keptLineCount > 0 ? record.withLine(0) { ThreadKey.hash(of: $0, header: record.header) } : nil
        let (here, hostHere) = contexts(in: record)
        guard record.hits.found.contains(where: { !matcher.isContextOnly[$0] }) else {
            remember(here, host: hostHere, thread: thread)
            return nil
        }

        let firstLine = record.keptLineCount > 0 ? record.line(0) : ""
        let match = firstMatch(in: record, here: here, thread: thread)
        let host = hostHere ?? thread.flatMap { mentions[$0]?[.azure]?.host }
        remember(here, host: hostHere, thread: thread)
        return Observation(
            match: match,
            markers: markers(in: record),
            firstLine: firstLine,
            fields: RecordFields(firstLine: firstLine, header: record.header),
            host: host
        )
    }

    /// The contexts the record mentions, and the first Key Vault or Entra ID host it names.
    private func contexts(in record: borrowing RecordBuffer) -> (Set<LogSignature.Context>, String?) {
        var found: Set<LogSignature.Context> = []
        var host: String?
        for keyword in record.hits.found {
            for case .context(let context) in matcher.roles[keyword] {
                found.insert(context)
            }
            if host == nil, matcher.hostKeywords.contains(keyword), let line = record.hits.line(of: keyword),
                line < record.keptLineCount
            {
                host = AzureHost.find(in: record.line(line))
            }
        }
        return (found, host)
    }

    private func markers(in record: borrowing RecordBuffer) -> [SignatureMatcher.Marker] {
        record.hits.found.flatMap { keyword in
            matcher.roles[keyword].compactMap { role in
                if case .marker(let marker) = role { marker } else { nil }
            }
        }
    }

    private func firstMatch(
        in record: borrowing RecordBuffer,
        here: Set<LogSignature.Context>,
        thread: UInt64?
    ) -> (signature: Int, trigger: Int, line: Int)? {
        var candidates: [(signature: Int, trigger: Int, line: Int)] = []
        for keyword in record.hits.found {
            for case .trigger(let signature, let trigger) in matcher.roles[keyword] {
                candidates.append((signature, trigger, record.hits.line(of: keyword) ?? 0))
            }
        }

        candidates.sort { ($0.signature, $0.trigger) < ($1.signature, $1.trigger) }
        return candidates.first { candidate in
            guard let context = matcher.signatures[candidate.signature].triggers[candidate.trigger].context else {
                return true
            }
            return here.contains(context) || mentionedRecently(context, thread: thread)
        }
    }

    private func mentionedRecently(_ context: LogSignature.Context, thread: UInt64?) -> Bool {
        guard let thread, let mention = mentions[thread]?[context] else {
            return false
        }
        return recordIndex - mention.record <= Self.window
    }

    private mutating func remember(_ here: Set<LogSignature.Context>, host: String?, thread: UInt64?) {
        guard let thread, !here.isEmpty else {
            return
        }
        if mentions.count >= Self.threadLimit, mentions[thread] == nil {
            mentions.removeAll()
        }

        for context in here {
            let previous = mentions[thread]?[context]?.host
            let named = context == .azure ? host : nil
            mentions[thread, default: [:]][context] = Mention(record: recordIndex, host: named ?? previous)
        }
    }
}
