import Testing

@testable import midkv

@Suite("Command lines that name one credential")
struct ParsedArgumentsCredentialTests {
    private func usageError(_ command: any Command.Type, _ arguments: [String]) -> String? {
        do {
            _ = try command.init(arguments: try ParsedArguments.parse(arguments, specs: command.options))
            return nil
        } catch let error as UsageError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test(
        "resolve and test need exactly one credential ID and a non-empty --type",
        arguments: [
            ([], "missing the credential ID"),
            (["a", "b", "--type", "windows"], "expected one credential ID, got 2"),
            (["a"], "missing --type (the credential type, such as ssh_password)"),
            (["a", "--type", ""], "missing --type (the credential type, such as ssh_password)"),
            (["a", "-t", "windows"], nil),
        ]
    )
    func credentialArguments(arguments: [String], expected: String?) {
        #expect(usageError(ResolveCommand.self, arguments) == expected)
        #expect(usageError(TestCommand.self, arguments) == expected)
    }
}
