import Foundation
import MidkvSupport

/// Finds the valid parameter a name the MID ignores was meant to be, and says how it went wrong.
///
/// Only names that resemble the `ext.cred.azure.*` or `mid.proxy.*` families get a suggestion:
/// misspellings (`ext.cred.azure.clientid`), wrong prefixes (`mid.ext.cred.azure.tenant_id`),
/// dots for underscores (`ext.cred.azure.vault.name`), Azure's own words (`client_secret`,
/// `tenantId`), environment variable names (`AZURE_CLIENT_SECRET`), Java proxy properties
/// (`http.proxyHost`), stray white space or case.
struct ParameterNameMatcher {
    /// How a name differs from the valid one.
    enum Reason: Equatable {
        case surroundingSpace
        case letterCase
        case wrongPrefix
        case dotsForUnderscores
        case misspelled
        case azureVocabulary
        case environmentVariable
        case otherResolver
        case proxyVocabulary
        case unknownAzureName
    }

    /// The valid name meant, and how the written one differs.
    struct Match: Equatable {
        /// The valid name, or `nil` when the name is in the Azure family but matches nothing.
        var suggestion: String?
        var reason: Reason
    }

    /// The match for `name`, or `nil` when the name is valid or belongs to no family judged here.
    static func match(_ name: String) -> Match? {
        guard !ConfigParameters.known.contains(name), !ConfigParameters.unrelated.contains(name) else {
            return nil
        }

        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed != name, ConfigParameters.known.contains(trimmed) {
            return Match(suggestion: trimmed, reason: .surroundingSpace)
        }
        if let sameLetters = ConfigParameters.known.first(where: { $0.lowercased() == trimmed.lowercased() }) {
            return Match(suggestion: sameLetters, reason: .letterCase)
        }
        return azureMatch(trimmed) ?? proxyMatch(trimmed) ?? bareMatch(trimmed) ?? nearMatch(trimmed)
    }

    private static func azureMatch(_ name: String) -> Match? {
        let lower = name.lowercased()
        guard let range = lower.range(of: "azure", options: .backwards) else {
            return nil
        }

        let remainder = String(lower[range.upperBound...].drop { !$0.isLetter && !$0.isNumber })
        let word = ConfigParameters.normalized(remainder)
        let canonical =
            ConfigParameters.azureWords[word] ?? ConfigParameters.proxyWords[word]
            ?? NameDistance.nearest(to: lower, among: ConfigParameters.azure)
        guard let canonical else {
            return lower.hasPrefix("ext.cred.azure.") ? Match(suggestion: nil, reason: .unknownAzureName) : nil
        }
        return Match(suggestion: canonical, reason: azureReason(lower, remainder: remainder, canonical: canonical))
    }

    private static func azureReason(_ lower: String, remainder: String, canonical: String) -> Reason {
        let suffix = String(canonical.split(separator: ".").last ?? "")
        if lower.hasPrefix("azure_") {
            return .environmentVariable
        }
        if remainder == suffix {
            return .wrongPrefix
        }
        if remainder.replacingOccurrences(of: ".", with: "_") == suffix {
            return .dotsForUnderscores
        }
        if lower.hasPrefix("ext.cred.azure.vault.") {
            return .otherResolver
        }
        if ConfigParameters.normalized(remainder) == ConfigParameters.normalized(suffix) {
            return .misspelled
        }
        return NameDistance.between(remainder, suffix) <= 2 ? .misspelled : .azureVocabulary
    }

    private static func proxyMatch(_ name: String) -> Match? {
        let lower = name.lowercased()
        guard let range = lower.range(of: "proxy", options: .backwards) else {
            return nil
        }

        let word = ConfigParameters.normalized(lower[range.upperBound...])
        if let canonical = ConfigParameters.proxyWords[word] {
            return Match(suggestion: canonical, reason: lower.hasPrefix("mid.proxy.") ? .misspelled : .proxyVocabulary)
        }
        return NameDistance.nearest(to: lower, among: ConfigParameters.proxy).map {
            Match(suggestion: $0, reason: .misspelled)
        }
    }

    private static func bareMatch(_ name: String) -> Match? {
        ConfigParameters.bareAzureNames[ConfigParameters.normalized(name)].map {
            Match(suggestion: $0, reason: .azureVocabulary)
        }
    }

    private static func nearMatch(_ name: String) -> Match? {
        let family = ConfigParameters.azure + ConfigParameters.proxy
        guard let nearest = NameDistance.nearest(to: name, among: family), NameDistance.between(name, nearest) <= 2
        else {
            return nil
        }
        return Match(suggestion: nearest, reason: .misspelled)
    }
}
