import MidkvSupport

/// A command line midkv cannot understand. Reported with exit status 64.
struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in one line.
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String {
        message
    }

    /// An unknown option, with the nearest known spelling when one is close.
    static func unknownOption(_ option: String, known: [String]) -> UsageError {
        guard let nearest = NameDistance.nearest(to: option, among: known) else {
            return UsageError("unknown option \(option)")
        }
        return UsageError("unknown option \(option) (did you mean \(nearest)?)")
    }
}

extension UsageError {
    /// An unknown command, with the nearest known one when one is close.
    static func unknownCommand(_ command: String, known: [String]) -> UsageError {
        guard let nearest = NameDistance.nearest(to: command, among: known) else {
            return UsageError("unknown command '\(command)'")
        }
        return UsageError("unknown command '\(command)' (did you mean '\(nearest)'?)")
    }
}
