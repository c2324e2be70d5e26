/// The signatures' triggers, their context keywords and the MID's lifecycle markers, compiled
/// into one keyword automaton, with what each keyword stands for.
struct SignatureMatcher: Sendable {
    /// A MID lifecycle event the log records.
    enum Marker: Sendable {
        case start
        case stop
    }

    /// What finding a keyword means.
    enum Role: Sendable {
        case trigger(signature: Int, trigger: Int)
        case context(LogSignature.Context)
        case marker(Marker)
    }

    private static let markers: [(String, Marker)] = [
        ("MID Server started", .start),
        ("Initializing MID Server", .start),
        ("MID Server stopping", .stop),
    ]

    let signatures: [LogSignature]
    let automaton: KeywordAutomaton
    /// The roles of each keyword of ``automaton``.
    let roles: [[Role]]
    /// The keywords that are host names, whose line names the host.
    let hostKeywords: Set<Int>
    /// Whether each keyword only establishes a context.
    let isContextOnly: [Bool]

    init(signatures: [LogSignature]) {
        var entries: [(String, Role)] = []
        for (index, signature) in signatures.enumerated() {
            entries += signature.triggers.enumerated().map { ($1.text, .trigger(signature: index, trigger: $0)) }
        }
        entries += LogSignature.contextKeywords.map { ($0, .context($1)) }
        entries += Self.markers.map { ($0, .marker($1)) }

        var keywords: [String] = []
        var roles: [[Role]] = []
        var indexes: [String: Int] = [:]
        for (text, role) in entries {
            let key = text.lowercased()
            let index = indexes[key] ?? keywords.count
            if index == keywords.count {
                indexes[key] = index
                keywords.append(text)
                roles.append([])
            }
            roles[index].append(role)
        }

        self.signatures = signatures
        self.automaton = KeywordAutomaton(keywords: keywords)
        self.roles = roles
        self.hostKeywords = Set(keywords.indices.filter { AzureHost.isHostKeyword(keywords[$0]) })
        self.isContextOnly = roles.map { roles in
            roles.allSatisfy { role in
                if case .context = role { true } else { false }
            }
        }
    }
}
