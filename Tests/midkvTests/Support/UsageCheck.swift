@testable import midkv

/// Builds commands from command lines in the process, to see what each refuses and why.
/// `Tool` turns every ``UsageError`` into exit status 64.
enum UsageCheck {
    /// The usage error `arguments` raise for `command`, or nil when the command line is accepted.
    static func error(_ command: any Command.Type, _ arguments: [String]) -> String? {
        do {
            _ = try command.init(arguments: try ParsedArguments.parse(arguments, specs: command.options))
            return nil
        } catch let error as UsageError {
            return error.message
        } catch {
            return "\(error)"
        }
    }
}
