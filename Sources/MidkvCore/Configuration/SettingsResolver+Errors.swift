extension SettingsResolver {
    /// A `config.invalid-value` error naming where the value came from.
    ///
    /// - Parameters:
    ///   - source: Where the value was given.
    ///   - shown: The value to show as evidence; `nil` when it may hold a secret.
    ///   - problem: What is wrong, as a clause: `has no %s where the tenant goes`.
    ///   - fix: What to change.
    static func invalidValue(_ source: SettingSource, shown: String?, problem: String, fix: String) -> MidkvError {
        var evidence = [Evidence("setting", source.inputName ?? "default"), Evidence("source", source.description)]
        if let shown {
            evidence.append(Evidence("value", shown))
        }
        if case .configFile(let path, _, _) = source {
            evidence.append(Evidence("file", path))
        }

        return MidkvError(
            .configInvalidValue,
            "\(source.detailedDescription) \(problem)",
            evidence: evidence,
            fix: fix
        )
    }

    /// A `config.invalid-value` error for a file named by a flag or variable.
    static func unusableFile(_ source: SettingSource, path: String, problem: String, fix: String) -> MidkvError {
        MidkvError(
            .configInvalidValue,
            "\(path), given by \(source), \(problem)",
            evidence: [
                Evidence("setting", source.inputName ?? "default"),
                Evidence("source", source.description),
                Evidence("file", path),
            ],
            fix: fix
        )
    }
}
