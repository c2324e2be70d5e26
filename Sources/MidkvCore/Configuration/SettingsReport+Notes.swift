import MidkvSupport

extension SettingsReport {
    /// The remarks to print, each once: the resolver's, then the encrypted values another
    /// source replaces, less those `said` already explains.
    static func notes(_ settings: Settings, leaving said: [EncryptedConfigValue]) -> [String] {
        let replaced = settings.encryptedValues.filter(\.isSuperseded).map(\.explanation)
        let explained = Set(said.map(\.explanation))
        return (settings.notes + replaced).filter { !explained.contains($0) }
    }

    /// The encrypted values `failure` names as the reason no sign-in is possible.
    static func blockingValues(_ failure: MidkvError, in settings: Settings) -> [EncryptedConfigValue] {
        guard failure.code == .configEncryptedValue else {
            return []
        }

        let parameters = Set(failure.evidence.filter { $0.label == "parameter" }.map(\.value))
        return settings.encryptedValues.filter { !$0.isSuperseded && parameters.contains($0.parameter.name) }
    }

    /// The authentication text of a plan that failed: the error line by line, or, when
    /// encrypted values stop every sign-in, one account of them without an error label,
    /// since the doctor counts an encrypted value as a note.
    static func failureExplanation(_ failure: MidkvError, blocking: [EncryptedConfigValue]) -> [String] {
        guard !blocking.isEmpty else {
            return failure.detailedDescription.split(separator: "\n").map(String.init)
        }

        let seen = blocking.map { "  seen: \($0.source.detailedDescription), encrypted as \($0.encryption)" }
        let cause = failure.cause.map { ["  cause: \($0)"] } ?? []
        return ["\(failure.message) (\(failure.code))"] + seen + cause + ["  fix: \(failure.fix)"]
    }
}
