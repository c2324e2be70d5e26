import Foundation
import MidkvCore
import MidkvDoctor

/// `midkv test`: the Test Credential button, with the steps shown and the failure explained.
struct TestCommand: Command {
    static let path = ["test"]
    static let summary = "Resolve one credential step by step; explain a failure"
    static let usage = "test <credential-id> --type TYPE [--config PATH] [--format human|json] [options]"
    static let discussion = """
        Resolves the credential through the same flow as `midkv resolve` and prints each
        step (identity, credential-id, token, vault, fields) with its outcome and
        duration, then the MID fields with secret values redacted. When a step fails, it
        prints the error and runs the doctor checks that explain it: the config checks
        for configuration and sign-in failures, the network check of the failing hop for
        network failures, the vault's challenge for a refused token. Exit status 0 when
        the credential resolves, 1 when it does not, 64 for a bad command line. --format
        json writes one document, schema midkv.test/1 (see docs/doctor.md).
        """
    static let options =
        [
            OptionSpec.credentialType,
            OutputOptions.format,
        ] + SettingsOptions.specs + OutputOptions.logging

    let arguments: ParsedArguments
    let target: CredentialTarget
    let format: OutputOptions.Format

    init(arguments: ParsedArguments) throws {
        let credentialID = try arguments.singleCredentialID()
        let type = try arguments.requiredCredentialType()
        self.arguments = arguments
        self.target = CredentialTarget(credentialID: credentialID, type: type)
        self.format = try OutputOptions.format(from: arguments)
    }

    func run(in context: CommandContext) async throws -> ExitStatus {
        let logger = try context.logger(from: arguments)
        let trace = ResolutionTrace()
        let outcome = await resolve(in: context, trace: trace)

        var explanation: [Finding] = []
        if case .failure(let error) = outcome {
            let request = Doctor.Request(
                configPath: try configPath(in: context),
                flags: SettingsOptions.flags(from: arguments),
                environment: context.environment,
                credentials: [target]
            )
            explanation = await FailureExplainer(request: request, logger: logger).explain(error)
        }

        let renderer = TestRenderer(console: context.console, target: target)
        switch format {
        case .human:
            context.console.out(renderer.human(trace: trace, outcome: outcome, explanation: explanation))
        case .json:
            context.console.out(renderer.json(trace: trace, outcome: outcome, explanation: explanation))
        }
        if case .success = outcome {
            return .success
        }
        return .failure
    }

    /// Resolves the credential, recording each step; a failure before the resolver exists is
    /// recorded as the identity step's.
    private func resolve(
        in context: CommandContext,
        trace: ResolutionTrace
    ) async -> Result<ResolvedCredential, MidkvError> {
        let resolver: CredentialResolver
        do {
            resolver = try CredentialResolver(
                settings: try context.settings(from: arguments),
                logger: try context.logger(from: arguments)
            )
        } catch {
            let failure = Self.midkvError(error)
            trace.record(ResolutionEvent(step: .identity, outcome: .failed(failure), duration: .zero))
            return .failure(failure)
        }
        defer { resolver.shutdown() }

        do {
            return .success(try await resolver.resolve(target.request) { trace.record($0) })
        } catch {
            return .failure(Self.midkvError(error))
        }
    }

    private func configPath(in context: CommandContext) throws -> String? {
        try SettingsOptions.configPath(
            from: arguments,
            environment: context.environment,
            currentDirectory: context.currentDirectory
        )
    }

    private static func midkvError(_ error: any Error) -> MidkvError {
        error as? MidkvError ?? MidkvError(.vaultFailed, "\(error)", fix: "Run again with --log-level debug.")
    }
}
