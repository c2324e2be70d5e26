import MidkvCore
import MidkvSupport

extension ConfigReview {
    // MARK: - config.unknown-element

    /// Elements inside `<parameters>` that are not `<parameter>`, such as `<paramter`: one
    /// finding per element name and name attribute, however often it repeats.
    func elementFindings() -> [Finding] {
        var groups: [ElementKey: [MIDConfigFile.UnexpectedElement]] = [:]
        var order: [ElementKey] = []
        for element in file.unexpectedElements {
            let key = ElementKey(name: element.elementName, nameAttribute: element.nameAttribute)
            if groups[key] == nil {
                order.append(key)
            }
            groups[key, default: []].append(element)
        }
        return order.map { key in elementFinding(groups[key] ?? []) }
    }

    private struct ElementKey: Hashable {
        var name: String
        var nameAttribute: String?
    }

    private func elementFinding(_ elements: [MIDConfigFile.UnexpectedElement]) -> Finding {
        let element = elements[0]
        let named = element.nameAttribute.map { " for `\($0)`" } ?? ""
        let lost = element.nameAttribute.flatMap { live($0) == nil ? $0 : nil }
        let matters = lost.map(isFamilyName) ?? false
        let message =
            "<\(element.elementName)>\(named) on \(Self.lines(of: elements)) is not a <parameter> element; "
            + "the MID ignores it" + (matters ? ", so \(lost ?? "") is not set" : "")

        var evidence = [Evidence("element", "<\(element.elementName)>")]
        if let name = element.nameAttribute {
            evidence.append(Evidence("name attribute", name))
        }
        if elements.count > 1 {
            evidence.append(Evidence("occurrences", "\(elements.count)"))
        }
        return finding(
            matters ? .error : .warning,
            .configUnknownElement,
            message,
            line: element.line,
            evidence: evidence,
            cause: elementCause(element.elementName),
            fix: "Write it as <parameter name=\"\(element.nameAttribute ?? "…")\" value=\"…\"/> "
                + "and restart the MID Server."
        )
    }

    /// `line 7`, or `lines 7, 9, 12 and 40 more` for an element repeated on several lines.
    private static func lines(of elements: [MIDConfigFile.UnexpectedElement]) -> String {
        var seen: Set<Int> = []
        let lines = elements.map(\.line).filter { seen.insert($0).inserted }
        guard lines.count > 1 else {
            return "line \(lines[0])"
        }

        let shown = lines.prefix(3).map(String.init).joined(separator: ", ")
        let more = lines.count - 3
        return "lines \(shown)" + (more > 0 ? " and \(more) more" : "")
    }

    private func elementCause(_ name: String) -> String {
        guard NameDistance.between(name, MIDConfigFile.parameterElementName) <= 2 else {
            return "The MID reads only <parameter> elements; any other element is skipped without a message."
        }
        return "`\(name)` is a misspelling of `parameter` (published examples of the Azure Key Vault parameters "
            + "contain it); the MID reads only <parameter> elements and skips the rest without a message."
    }

    // MARK: - config.unknown-parameter

    /// Parameter names the MID ignores that resemble the Azure or proxy parameters.
    func parameterNameFindings() -> [Finding] {
        var seen: Set<String> = []
        return file.parameters.compactMap { parameter in
            guard seen.insert(parameter.name).inserted, let match = ParameterNameMatcher.match(parameter.name) else {
                return nil
            }
            return unknownName(file.parameters(named: parameter.name).last ?? parameter, match: match)
        }
    }

    private func unknownName(_ parameter: MIDConfigParameter, match: ParameterNameMatcher.Match) -> Finding {
        guard let valid = match.suggestion else {
            return finding(
                .note,
                .configUnknownParameter,
                "`\(parameter.name)` is not a parameter of ServiceNow's Azure Key Vault credential store",
                line: parameter.line,
                parameter: parameter.name,
                cause: "The MID hands it to the resolver, which does not read it.",
                fix: "Remove it unless another resolver on this MID needs it. The store reads "
                    + ConfigParameters.azure.joined(separator: ", ") + "."
            )
        }

        let existing = live(valid)
        let fix =
            existing.map { "Remove line \(parameter.line); `\(valid)` on line \($0.line) is the one the MID reads." }
            ?? "Rename it: \(Self.element(valid, secure: parameter.isSecure ? true : nil)), keeping its value, "
            + "then restart the MID Server."
        return finding(
            existing == nil ? .error : .warning,
            .configUnknownParameter,
            unknownNameMessage(parameter.name, valid: valid, reason: match.reason),
            line: parameter.line,
            parameter: parameter.name,
            evidence: [
                Evidence("meant", valid),
                Evidence("\(valid) set", existing.map { "yes, \(place($0.line))" } ?? "no"),
            ],
            cause: unknownNameCause(parameter.name, valid: valid, reason: match.reason),
            fix: fix
        )
    }

    private func unknownNameMessage(_ name: String, valid: String, reason: ParameterNameMatcher.Reason) -> String {
        switch reason {
        case .surroundingSpace: "`\(name)` has white space around the name; the MID reads `\(valid)` only"
        case .letterCase: "`\(name)` differs from `\(valid)` in letter case; the MID ignores it"
        case .wrongPrefix: "`\(name)` has the wrong prefix; the resolver reads `\(valid)`"
        case .dotsForUnderscores: "`\(name)` has dots where `\(valid)` has underscores; the MID ignores it"
        case .environmentVariable: "`\(name)` is an environment variable name; the MID reads `\(valid)`"
        case .azureVocabulary: "`\(name)` uses Azure's word for the value; ServiceNow's parameter is `\(valid)`"
        case .otherResolver: "`\(name)` belongs to a third-party Key Vault resolver; the MID reads `\(valid)`"
        case .proxyVocabulary: "`\(name)` is not a MID parameter; the MID reads its proxy from `\(valid)`"
        case .misspelled, .unknownAzureName: "`\(name)` is not a parameter the MID knows; did you mean `\(valid)`?"
        }
    }

    private func unknownNameCause(_ name: String, valid: String, reason: ParameterNameMatcher.Reason) -> String {
        switch reason {
        case .surroundingSpace, .letterCase, .misspelled, .unknownAzureName:
            return "Parameter names must match exactly; a name that does not is ignored without a message."
        case .wrongPrefix:
            return "The MID hands a resolver only the parameters whose names start with `ext.cred.`."
        case .dotsForUnderscores where name.lowercased().hasPrefix("ext.cred.azure.vault."):
            return "`\(name)` is how a third-party Key Vault resolver spells it; ServiceNow's built-in store "
                + "reads `\(valid)`."
        case .dotsForUnderscores:
            return "Parameter names must match exactly, punctuation included."
        case .environmentVariable:
            return "Azure SDKs read AZURE_* environment variables; the MID reads config.xml parameters only."
        case .azureVocabulary:
            return "The Azure portal and SDKs name it differently from ServiceNow's parameter."
        case .otherResolver:
            return "ServiceNow's built-in Azure Key Vault store uses the MID's own proxy parameters."
        case .proxyVocabulary:
            return "The MID reads its proxy from the mid.proxy.* parameters, not from Java system properties."
        }
    }

    // MARK: - config.commented-out

    /// Needed parameters written only inside XML comments.
    func commentedFindings() -> [Finding] {
        let hidden = file.commentedParameters.compactMap { commented -> (name: String, line: Int)? in
            guard let name = commented.name, live(name) == nil else {
                return nil
            }
            return (name, commented.line)
        }

        let azure = hidden.filter { ConfigParameters.azure.contains($0.name) }.map(azureCommented)
        let proxy = hidden.filter { ConfigParameters.proxy.contains($0.name) }
        guard !proxy.isEmpty else {
            return azure
        }

        let proxyOn = live(ConfigParameters.useProxy).flatMap(text)?.lowercased() == "true"
        if proxyOn, let host = proxy.first(where: { $0.name == ConfigParameters.proxyHost }) {
            return azure + [hostCommented(line: host.line)]
        }
        return azure + [shippedProxyBlock(proxy.map(\.line))]
    }

    private func azureCommented(_ name: String, line: Int) -> Finding {
        let needed = requiredParameters.contains(name)
        return finding(
            needed ? .error : .warning,
            .configCommentedOut,
            "`\(name)` is set only inside an XML comment (line \(line)); the MID does not see it",
            line: line,
            parameter: name,
            cause: "Everything between <!-- and --> is ignored, including <parameter> elements.",
            fix: "Move \(Self.element(name)) out of the comment, then restart the MID Server."
        )
    }

    private func hostCommented(line: Int) -> Finding {
        let host = ConfigParameters.proxyHost
        return finding(
            .error,
            .configCommentedOut,
            "`\(ConfigParameters.useProxy)` is true but `\(host)` is only inside an XML comment (line \(line))",
            line: line,
            parameter: host,
            cause: "A proxy block was uncommented only in part.",
            fix: "Move \(Self.element(host)) out of the comment, or set \(ConfigParameters.useProxy) to false."
        )
    }

    private func shippedProxyBlock(_ lines: [Int]) -> Finding {
        finding(
            .note,
            .configCommentedOut,
            "The proxy parameters are commented out, as shipped; the MID connects to Azure directly",
            line: lines.first,
            evidence: [Evidence("commented lines", lines.map(String.init).joined(separator: ", "))],
            fix: "Nothing to change unless this MID must use a proxy; then move the mid.proxy.* parameters out "
                + "of the comment."
        )
    }

    // MARK: - config.duplicate-parameter

    /// Names written more than once; the MID uses the last.
    func duplicateFindings() -> [Finding] {
        var seen: Set<String> = []
        return file.parameters.compactMap { parameter in
            let copies = file.parameters(named: parameter.name)
            guard copies.count > 1, seen.insert(parameter.name).inserted, let winner = copies.last else {
                return nil
            }
            return duplicate(parameter.name, copies: copies, winner: winner)
        }
    }

    private func duplicate(_ name: String, copies: [MIDConfigParameter], winner: MIDConfigParameter) -> Finding {
        let lines = copies.map { String($0.line) }.joined(separator: ", ")
        let differ = Set(copies.map(\.value)).count > 1
        return finding(
            isFamilyName(name) ? .warning : .note,
            .configDuplicateParameter,
            "`\(name)` is set \(copies.count) times (lines \(lines)); the MID uses the last one, line \(winner.line)",
            line: winner.line,
            parameter: name,
            evidence: [Evidence("lines", lines), Evidence("values", differ ? "differ" : "identical")],
            cause: differ ? "An edit added a new line instead of changing the old one." : nil,
            fix: "Keep one \(name) line with the value you mean and delete the others, then restart the MID Server."
        )
    }

    /// Whether `name` is in the Azure or proxy family.
    func isFamilyName(_ name: String) -> Bool {
        ConfigParameters.known.contains(name) || ParameterNameMatcher.match(name) != nil
    }
}
