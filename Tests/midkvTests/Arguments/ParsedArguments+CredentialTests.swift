import Testing

@testable import midkv

@Suite("Command lines that name one credential")
struct ParsedArgumentsCredentialTests {
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
        #expect(UsageCheck.error(ResolveCommand.self, arguments) == expected)
        #expect(UsageCheck.error(TestCommand.self, arguments) == expected)
    }
}
