import Foundation

let status = await Tool.main(arguments: Array(CommandLine.arguments.dropFirst()), context: .current())
exit(status.rawValue)
